import { app, authentication } from '@microsoft/teams-js';
import { devTokenGetter } from './devToken';
import { asTheme } from './theme';

export type ThemeName = 'default' | 'dark' | 'contrast';

/** How the page talks to the API: a bearer token, and the theme to follow. */
export interface Session {
  getToken: () => Promise<string>;
  theme: ThemeName;
  onThemeChange: (handler: (theme: ThemeName) => void) => void;
}

const query = new URLSearchParams(window.location.search);

/**
 * In Teams: SSO through authentication.getAuthToken() and Teams' theme. In a plain browser (Development only, the
 * App answers 404 elsewhere): ?tid=&oid= picks a simulated user, whose token comes from /api/dev/token.
 */
export async function startSession(): Promise<Session> {
  const tid = query.get('tid');
  const oid = query.get('oid');
  if (tid && oid) {
    return { theme: asTheme(query.get('theme')), onThemeChange: () => {}, getToken: devTokenGetter(tid, oid) };
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
