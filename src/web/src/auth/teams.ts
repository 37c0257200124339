// Teams' consent window (authentication.authenticate), as Microsoft's tab SSO samples build it: /auth/start sends the
// person to Entra ID to consent to Glueprint's API scope in their own organisation; Entra ID sends them back to
// /auth/end, which tells Teams whether they did. One page serves both (auth-teams.html), by path.
import { app, authentication } from '@microsoft/teams-js';
import { newState, pkceChallenge, signInConfig, takeState } from './config';

async function start() {
  await app.initialize();
  const context = await app.getContext();
  const config = await signInConfig();
  const url = new URL(`https://login.microsoftonline.com/${encodeURIComponent(context.user?.tenant?.id ?? 'organizations')}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    response_mode: 'query',
    redirect_uri: `${window.location.origin}/auth/end`,
    scope: `openid profile ${config.scope}`,
    prompt: 'consent',
    state: newState(),
    code_challenge: await pkceChallenge(),
    code_challenge_method: 'S256',
    ...(context.user?.loginHint ? { login_hint: context.user.loginHint } : {}),
  }).toString();
  window.location.assign(url.toString());
}

/** Success only for an answer carrying a code for this window's own request; else the error Entra ID named. */
async function end() {
  await app.initialize();
  const query = new URLSearchParams(window.location.search);
  const expected = takeState();
  if (query.get('error')) {
    authentication.notifyFailure(query.get('error_description') ?? query.get('error') ?? 'consent_failed');
  } else if (!query.get('code') || !expected || query.get('state') !== expected) {
    authentication.notifyFailure('The sign-in answer did not match this window; try Consent again.');
  } else {
    authentication.notifySuccess();
  }
}

(window.location.pathname.startsWith('/auth/end') ? end() : start())
  .catch((e: unknown) => authentication.notifyFailure(e instanceof Error ? e.message : String(e)));
