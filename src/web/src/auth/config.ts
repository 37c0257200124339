/** The app id and the API scope from /auth/config (public values: the manifest's webApplicationInfo publishes them). */
export interface SignInConfig { clientId: string; scope: string }

export async function signInConfig(): Promise<SignInConfig> {
  const response = await fetch('/auth/config');
  if (!response.ok) throw new Error(`Sign-in is not configured for Glueprint (${response.status}).`);
  return (await response.json()) as SignInConfig;
}

const STATE_KEY = 'glueprint.consent.state';

/** A random value kept until the redirect comes back, so that /auth/end accepts only the answer to its own request. */
export function newState(): string {
  const state = crypto.randomUUID();
  localStorage.setItem(STATE_KEY, state);
  return state;
}

export function takeState(): string | null {
  const state = localStorage.getItem(STATE_KEY);
  localStorage.removeItem(STATE_KEY);
  return state;
}

/** An S256 PKCE challenge for a one-off verifier: the code is never redeemed here, consent is what this flow is for. */
export async function pkceChallenge(): Promise<string> {
  const verifier = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))).replace(/[+/=]/g, '');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
