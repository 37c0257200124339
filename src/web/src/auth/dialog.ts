// The Outlook pane's last sign-in fallback, opened in Office's dialog (displayDialogAsync) where neither nested app
// authentication nor Office SSO is available: MSAL's redirect flow, then the token goes back to the pane with
// messageParent. Nothing is kept in this window.
import { PublicClientApplication } from '@azure/msal-browser';
import { signInConfig } from './config';

function reply(message: { token: string } | { error: string }) {
  Office.context.ui.messageParent(JSON.stringify(message));
}

async function signIn() {
  const config = await signInConfig();
  const pca = new PublicClientApplication({
    auth: { clientId: config.clientId, authority: 'https://login.microsoftonline.com/organizations', redirectUri: `${window.location.origin}/auth/dialog` },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await pca.initialize();
  const result = await pca.handleRedirectPromise();
  if (result?.accessToken) {
    reply({ token: result.accessToken });
    return;
  }
  await pca.acquireTokenRedirect({ scopes: [config.scope] });
}

Office.onReady(() => signIn().catch((e: unknown) => reply({ error: e instanceof Error ? e.message : String(e) })));
