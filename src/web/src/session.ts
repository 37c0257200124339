import { app, authentication } from '@microsoft/teams-js';

export type ThemeName = 'default' | 'dark' | 'contrast';

/** How the page talks to the API: a bearer token, and the theme to follow. */
export interface Session {
  getToken: () => Promise<string>;
  theme: ThemeName;
  onThemeChange: (handler: (theme: ThemeName) => void) => void;
}

const query = new URLSearchParams(window.location.search);

function asTheme(value: string | null | undefined): ThemeName {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

/**
 * In Teams: SSO through authentication.getAuthToken() and Teams' theme. In a plain browser (Development only, the
 * App answers 404 elsewhere): ?tid=&oid= picks a simulated user, whose token comes from /api/dev/token.
 */
export async function startSession(): Promise<Session> {
  const tid = query.get('tid');
  const oid = query.get('oid');
  if (tid && oid) {
    let cached: { token: string; expires: number } | undefined;
    return {
      theme: asTheme(query.get('theme')),
      onThemeChange: () => {},
      getToken: async () => {
        if (cached && cached.expires > Date.now()) return cached.token;
        const response = await fetch(`/api/dev/token?tid=${encodeURIComponent(tid)}&oid=${encodeURIComponent(oid)}`);
        if (!response.ok) throw new Error(`The development token endpoint answered ${response.status}.`);
        const body = (await response.json()) as { access_token: string; expires_in: number };
        cached = { token: body.access_token, expires: Date.now() + (body.expires_in - 60) * 1000 };
        return cached.token;
      },
    };
  }
  if (window.parent === window) {
    throw new Error('not inside Teams');
  }
  await app.initialize();
  const context = await app.getContext();
  return {
    theme: asTheme(context.app.theme),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
    getToken: () => authentication.getAuthToken(),
  };
}
