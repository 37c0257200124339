import { adminConsentUrl, ApiError, type Fetcher, type Problem } from '../api';
import type { components } from '../generated/api';
import { OutlookError, SignInError } from './outlook';

/** GET/PUT /api/tags/{eventId}: one meeting as the add-in shows it (generated from the API's document, as every shape). */
export type TagView = components['schemas']['TagView'];

export type Impact = components['schemas']['ImpactChoice'];

/** PUT /api/tags/{eventId}: what the pane sends. */
export type TagInput = Omit<components['schemas']['TagRequest'], 'category' | 'impact' | 'delegated'> & { category: string; impact: Impact; delegated: boolean };

export type FieldErrors = Partial<Record<'category' | 'impact' | 'artifactLink' | 'artifactTitle' | 'note', string>>;

/** Why a call failed, for the pane: a message, whether Retry can help, and field errors from a 400. */
export interface Failure {
  message: string;
  retry: boolean;
  fields?: FieldErrors;
  /** The organisation has not granted Glueprint access yet: the admin consent page to hand the admin. */
  consentUrl?: string;
}

const path = (eventId: string) => `/api/tags/${encodeURIComponent(eventId)}`;

export async function loadTag(fetcher: Fetcher, eventId: string): Promise<TagView> {
  return (await (await fetcher(path(eventId))).json()) as TagView;
}

/** The tag was changed elsewhere (the tab, the card, another pane) since the pane loaded it: here it is as stored now. */
export class ChangedElsewhere extends Error {
  constructor(public readonly current: TagView) {
    super('This meeting\'s tag was changed elsewhere since you opened it. Your changes are still in the form: Reload shows the saved tag, Save again replaces it.');
  }
}

/** Saves the tag; <eTag> is the one the pane loaded (If-Match), so that an edit made since elsewhere is never wiped. */
export async function saveTag(fetcher: Fetcher, eventId: string, input: TagInput, eTag: string | null): Promise<TagView> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (eTag) headers['If-Match'] = eTag;
  const response = await fetcher(path(eventId), { method: 'PUT', headers, body: JSON.stringify(input) });
  if (response.status === 412) {
    throw new ChangedElsewhere((await response.json()) as TagView);
  }
  if (response.status === 409) {
    throw new ApiError({ status: 409, detail: 'This meeting was changed elsewhere at the same moment (another device or the weekly card). Try again.' });
  }
  return (await response.json()) as TagView;
}

/** Empty is fine (no artifact); anything else must be a full https:// link, as the API requires. */
export function linkError(link: string): string | undefined {
  if (!link.trim()) return undefined;
  try {
    if (new URL(link.trim()).protocol === 'https:') return undefined;
  } catch {
    // not a URL at all: the same message
  }
  return 'Enter a full link that starts with https://, for example https://wiki.contoso.com/onboarding.';
}

/** Any error from a load or save, as what the person should read and whether Retry can help. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof ChangedElsewhere) return { message: error.message, retry: false };
  if (error instanceof SignInError) return { message: error.message, retry: true };
  if (error instanceof OutlookError) return { message: `Outlook could not do it: ${error.message}`, retry: true };
  if (!(error instanceof ApiError)) {
    // fetch rejects only when the service cannot be reached at all.
    return { message: 'Glueprint cannot be reached right now. Nothing was lost: check your connection and retry.', retry: true };
  }
  const problem: Problem = error.problem;
  switch (problem.status) {
    case 400:
      // The fields say what is wrong, each beside its own input; the summary only points at them.
      return problem.errors
        ? { message: 'Some values need a change: see the fields marked above.', retry: false, fields: fieldErrors(problem) }
        : { message: problem.detail ?? 'Glueprint refused the request.', retry: false };
    case 401:
      return { message: 'Glueprint did not accept your sign-in. Retry; if it keeps happening, sign out of Office and back in.', retry: true };
    case 403: {
      const consentUrl = adminConsentUrl(error);
      return consentUrl
        ? { message: problem.detail ?? 'Your admin hasn\'t granted Glueprint access to calendars yet.', retry: true, consentUrl }
        : { message: 'Glueprint is not set up for your organisation. Ask your admin to add it.', retry: false };
    }
    case 404:
      return { message: problem.detail ?? 'Glueprint does not see this meeting in your calendar yet. If you just saved it, retry in a minute.', retry: true };
    case 409:
      return { message: error.message, retry: true };
    case 428:
      return { message: 'This meeting was tagged elsewhere while the pane was open. Reload it to see the saved tag.', retry: false };
    case 422:
      return { message: problem.detail ?? 'This meeting does not count as glue work (cancelled, declined, all-day or free time).', retry: false };
    default:
      return problem.status >= 500
        ? { message: 'Glueprint is not answering right now. Nothing was lost: retry in a moment.', retry: true }
        : { message: error.message, retry: true };
  }
}

function fieldErrors(problem: Problem): FieldErrors {
  const fields: FieldErrors = {};
  for (const [key, messages] of Object.entries(problem.errors ?? {})) {
    const name = (key.charAt(0).toLowerCase() + key.slice(1)) as keyof FieldErrors;
    fields[name] = messages.join(' ');
  }
  return fields;
}
