import { app, authentication } from '@microsoft/teams-js';
import { devTokenGetter } from './devToken';
import { asTheme } from './theme';

export type ThemeName = 'default' | 'dark' | 'contrast';

/** How the page talks to the API: a bearer token, the theme to follow, and (in Teams) how to ask for consent. */
export interface Session {
  getToken: () => Promise<string>;
  theme: ThemeName;
  onThemeChange: (handler: (theme: ThemeName) => void) => void;
  /** Runs Teams' authentication window on /auth/start, where the person consents; resolves once they did. */
  consent?: () => Promise<void>;
}

/** The page is not running inside Teams (nor, in Development, as a simulated user). */
export class OutsideTeamsError extends Error {}

/** Teams could not sign the person in without their consent (or a new sign-in): the Consent button is the way on. */
export class ConsentNeededError extends Error {}

/** What getAuthToken rejects with when only the person can mend it: consent, a new sign-in, or an expired grant. */
const NEEDS_CONSENT = /resourceRequiresConsent|consent_required|interaction_required|invalid_grant|AADSTS65001|AADSTS50076/i;

/** How long Teams gets to answer app.initialize before the page says it is not in Teams. */
const TEAMS_WAIT_MS = 8000;

const query = new URLSearchParams(window.location.search);

/** Teams' SSO token; the errors only the person can mend come back as ConsentNeededError. */
export async function teamsToken(): Promise<string> {
  try {
    return await authentication.getAuthToken();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (NEEDS_CONSENT.test(reason)) {
      throw new ConsentNeededError('Glueprint needs your consent to sign you in. Select Consent and accept in the window that opens.');
    }
    throw new Error(`Teams could not sign you in to Glueprint (${reason}). Retry; if it keeps happening, ask your admin.`);
  }
}

async function inTeams(): Promise<boolean> {
  // Teams on the web and desktop hosts the tab in a frame; Teams mobile in a web view with a native bridge.
  if (window.parent === window && !('nativeInterface' in window)) return false;
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), TEAMS_WAIT_MS));
  return Promise.race([app.initialize().then(() => true, () => false), timeout]);
}

/**
 * In Teams: SSO through authentication.getAuthToken() and Teams' theme. In a plain browser in Development (the App
 * answers 404 elsewhere): ?tid=&oid= picks a simulated user, whose token comes from /api/dev/token. Anywhere else,
 * OutsideTeamsError: the page says how to open it in Teams.
 */
export async function startSession(): Promise<Session> {
  const tid = query.get('tid');
  const oid = query.get('oid');
  if (tid && oid) {
    return { theme: asTheme(query.get('theme')), onThemeChange: () => {}, getToken: devTokenGetter(tid, oid) };
  }
  if (!(await inTeams())) throw new OutsideTeamsError('not inside Teams');
  const context = await app.getContext();
  return {
    theme: asTheme(context.app.theme),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
    getToken: teamsToken,
    consent: async () => {
      await authentication.authenticate({ url: `${window.location.origin}/auth/start`, width: 600, height: 535 });
    },
  };
}
