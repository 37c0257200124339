import { signInConfig } from '../auth/config';

/**
 * The Outlook side of the task pane, as promises: which meeting this is, a token for the API, and the item's Outlook
 * category. Everything here needs Mailbox 1.3 (convertToRestId, saveAsync) except categories and getItemIdAsync
 * (Mailbox 1.8), which are looked for at run time so that older Outlooks still save tags.
 */

/** How the pane knows the meeting: its Graph (REST) id, or why there is none yet. */
export type EventRef =
  | { kind: 'id'; restId: string }
  /** A new meeting in the organizer's form that was never saved: Exchange has no id for it yet. */
  | { kind: 'unsaved' }
  /** An organizer's form in an Outlook without getItemIdAsync: the only way to its id is to save it. */
  | { kind: 'save-to-know' };

export type Mode = 'read' | 'compose';

/** The item's Glue category: set one (removing other Glue ones), or only remove (not glue). Null below Mailbox 1.8. */
export interface CategoryWriter {
  apply(outlookCategory: string | null, colour: string): Promise<void>;
}

export interface OutlookItem {
  mode: Mode;
  currentEvent(): Promise<EventRef>;
  /** Saves the organizer's form (no invitation goes out for a new meeting) and answers the REST id. */
  save(): Promise<string>;
  categories: CategoryWriter | null;
}

/** Outlook category names the add-in owns: "Glue: Mentoring" etc. */
export const GLUE_PREFIX = 'Glue: ';

type Callback<T> = (result: Office.AsyncResult<T>) => void;

/** Outlook refused an operation; officeName is Office's error name, such as "ItemNotSaved". */
export class OutlookError extends Error {
  constructor(message: string, public readonly officeName?: string) {
    super(message);
  }
}

/** Office's callback style as a promise. */
function call<T>(start: (callback: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new OutlookError(result.error?.message || 'Outlook did not say why.', result.error?.name));
    });
  });
}

const toRestId = (ewsId: string) => Office.context.mailbox.convertToRestId(ewsId, Office.MailboxEnums.RestVersion.v2_0);

/** The appointment open in Outlook, or null when the page is not running inside Outlook with an item. */
export function currentItem(): OutlookItem | null {
  const item = typeof Office === 'undefined' ? undefined : Office.context?.mailbox?.item;
  if (!item) return null;
  // Read forms give the subject as a string, compose forms as an object with getAsync.
  if (typeof item.subject === 'string') {
    const read = item as Office.AppointmentRead;
    return { mode: 'read', currentEvent: async () => ({ kind: 'id', restId: toRestId(read.itemId) }), save: unsupportedInRead, categories: categoryWriter(read) };
  }
  const compose = item as Office.AppointmentCompose;
  return {
    mode: 'compose',
    currentEvent: async () => {
      if (typeof compose.getItemIdAsync !== 'function') return { kind: 'save-to-know' };
      try {
        return { kind: 'id', restId: toRestId(await call<string>((cb) => compose.getItemIdAsync(cb))) };
      } catch (e) {
        if (e instanceof OutlookError && e.officeName === 'ItemNotSaved') return { kind: 'unsaved' };
        throw e;
      }
    },
    save: async () => toRestId(await call<string>((cb) => compose.saveAsync(cb))),
    categories: categoryWriter(compose),
  };
}

async function unsupportedInRead(): Promise<string> {
  throw new Error('A meeting open for reading is already saved.');
}

function categoryWriter(item: Office.AppointmentRead | Office.AppointmentCompose): CategoryWriter | null {
  if (!Office.context.requirements.isSetSupported('Mailbox', '1.8') || !item.categories) return null;
  const mailbox = Office.context.mailbox;
  return {
    async apply(outlookCategory, colour) {
      if (outlookCategory) {
        const master = await call<Office.CategoryDetails[]>((cb) => mailbox.masterCategories.getAsync(cb));
        if (!master.some((c) => c.displayName === outlookCategory)) {
          const details = [{ displayName: outlookCategory, color: colour as unknown as Office.MailboxEnums.CategoryColor }];
          await call<void>((cb) => mailbox.masterCategories.addAsync(details, cb));
        }
      }
      const onItem = (await call<Office.CategoryDetails[]>((cb) => item.categories.getAsync(cb))).map((c) => c.displayName);
      const stale = onItem.filter((name) => name.startsWith(GLUE_PREFIX) && name !== outlookCategory);
      if (stale.length) await call<void>((cb) => item.categories.removeAsync(stale, cb));
      if (outlookCategory && !onItem.includes(outlookCategory)) await call<void>((cb) => item.categories.addAsync([outlookCategory], cb));
    },
  };
}

/** A colour per taxonomy position, so that the categories are told apart in Outlook's calendar. */
const PRESETS = [7, 4, 3, 8, 5, 1, 9, 0, 6, 2, 10];
export function categoryColour(index: number): string {
  return `Preset${PRESETS[index % PRESETS.length]}`;
}

/** getAccessToken's error codes, as something a person can act on. */
const SIGN_IN_MESSAGES: Record<number, string> = {
  13001: 'You are not signed in to Office. Sign in, then retry.',
  13002: 'Sign-in or consent was cancelled. Glueprint needs it to save your tags: retry and accept.',
  13003: 'Office is signed in with an account Glueprint cannot use. Sign in with your work account, then retry.',
  13006: 'Office could not complete the sign-in. Sign out of Office, restart Outlook, then retry.',
  13007: 'Office could not get a sign-in for Glueprint just now. Retry in a moment.',
  13008: 'A sign-in is already in progress. Let it finish, then retry.',
  13013: 'Office asked for a sign-in too many times in a row. Wait a few seconds, then retry.',
};

/** getAccessToken codes that mean Office SSO is not available here at all (not a failure of this sign-in): the dialog is next. */
const SSO_UNAVAILABLE = new Set([13000, 13012]);

export class SignInError extends Error {}

/**
 * A token for the API, by the first way this Outlook offers: nested app authentication (MSAL's
 * createNestablePublicClientApplication, Microsoft's recommendation), else Office SSO (Office.auth.getAccessToken),
 * else Office's dialog, where /auth/dialog signs in with MSAL's redirect flow. A failure comes back as a SignInError
 * with a message for the person.
 */
export async function officeToken(): Promise<string> {
  const naa = await nestedAppAuth();
  const token = naa && (await naa());
  if (token) return token;
  try {
    return await Office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true });
  } catch (e) {
    const code = (e as { code?: number }).code;
    if (code !== undefined && SSO_UNAVAILABLE.has(code)) return dialogToken();
    throw new SignInError(
      (code !== undefined ? SIGN_IN_MESSAGES[code] : undefined) ?? `Office could not sign you in to Glueprint (error ${code ?? 'unknown'}). If this keeps happening, ask your admin to check the Glueprint setup.`,
    );
  }
}

/** A token from nested app authentication, or null when it failed in a way Office SSO may not (then that is tried). */
type NaaToken = () => Promise<string | null>;
let naaClient: Promise<NaaToken | null> | undefined;

/** Nested app authentication where the host offers it (NestedAppAuth 1.1): silent first, a popup when only the person can mend it. */
function nestedAppAuth(): Promise<NaaToken | null> {
  naaClient ??= (async () => {
    if (!Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')) return null;
    try {
      const [{ createNestablePublicClientApplication, InteractionRequiredAuthError }, config] = await Promise.all([import('@azure/msal-browser'), signInConfig()]);
      const pca = await createNestablePublicClientApplication({ auth: { clientId: config.clientId, authority: 'https://login.microsoftonline.com/common' } });
      const request = { scopes: [config.scope] };
      return async () => {
        try {
          return (await pca.acquireTokenSilent(request)).accessToken;
        } catch (e) {
          if (!(e instanceof InteractionRequiredAuthError)) return null;
          try {
            return (await pca.acquireTokenPopup(request)).accessToken;
          } catch (popup) {
            throw new SignInError(`Sign-in or consent was not completed (${describe(popup)}). Glueprint needs it to save your tags: retry and accept.`);
          }
        }
      };
    } catch {
      return null; // no bridge after all, or no sign-in configuration: Office SSO is next
    }
  })();
  return naaClient;
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Office's dialog on /auth/dialog, which answers {token} or {error} with messageParent; closing it is a cancel. */
function dialogToken(): Promise<string> {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(`${window.location.origin}/auth/dialog`, { height: 60, width: 30 }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new SignInError(`Outlook could not open the sign-in window (${opened.error?.message ?? 'no reason given'}). Allow pop-ups for Outlook, then retry.`));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        const message = JSON.parse((arg as { message: string }).message) as { token?: string; error?: string };
        if (message.token) resolve(message.token);
        else reject(new SignInError(`Sign-in did not complete (${message.error ?? 'no reason given'}). Retry; if it keeps happening, ask your admin.`));
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => reject(new SignInError('The sign-in window was closed. Glueprint needs you to sign in to save your tags: retry.')));
    });
  });
}
