import { Button, Link, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { adminConsentUrl, ApiError } from './api';
import { ConsentNeededError } from './session';

/**
 * An error as the person can act on it: the message; the admin consent link when the organisation has not granted
 * Glueprint access yet; a Consent button when Teams needs the person's own consent to sign them in.
 */
export function ProblemBar({ error, onConsent }: { error: unknown; onConsent?: () => void }) {
  const consentUrl = adminConsentUrl(error);
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody role="alert">
        {message}
        {consentUrl && <> <Link href={consentUrl} target="_blank" rel="noreferrer">Admin consent page (for your admin; opens in your browser)</Link></>}
      </MessageBarBody>
      {error instanceof ConsentNeededError && onConsent && (
        <MessageBarActions><Button appearance="primary" onClick={onConsent}>Consent</Button></MessageBarActions>
      )}
    </MessageBar>
  );
}
