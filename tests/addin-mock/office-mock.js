// A stand-in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the task pane's browser tests, built on
// office-addin-mock's OfficeMockObject. The test sets window.__officeMock (see Scenario below) before the page loads;
// what the pane did is left in window.__officeState for the test to read: the item's and the mailbox's categories and
// every call made. Only the Outlook surface the pane uses is here, with the availability of the real requirement sets:
// below Mailbox 1.8 there is no getItemIdAsync, no item.categories and no masterCategories.
import { OfficeMockObject } from 'office-addin-mock';

/**
 * @typedef {object} Scenario
 * @property {'read'|'compose'} mode  attendee (read) or organizer (compose) view
 * @property {string} [itemId]        the EWS id: item.itemId in read mode, getItemIdAsync's answer in compose mode
 * @property {boolean} [neverSaved]   compose: getItemIdAsync fails with ItemNotSaved until saveAsync has run
 * @property {string} [savedId]       compose: the EWS id saveAsync answers (default: itemId)
 * @property {string} [mailbox]       the highest Mailbox requirement set supported (default "1.8")
 * @property {string} [token]         what Office.auth.getAccessToken resolves to
 * @property {number} [tokenError]    or the error code it rejects with (13001, 13002, ...)
 * @property {string} [subject]
 * @property {{displayName: string, color: string}[]} [categories]        on the item
 * @property {{displayName: string, color: string}[]} [masterCategories]  the mailbox's master list
 * @property {string} [categoryError] item.categories.addAsync fails with this error name, as Outlook on the web does
 *                                    in compose forms
 * @property {Naa} [naa]              the host offers nested app authentication (NestedAppAuth 1.1) through
 *                                    window.nestedAppAuthBridge, as Outlook does for MSAL's createNestablePublicClientApplication
 * @property {{token?: string, error?: string, close?: boolean}} [dialog]  what the sign-in dialog (displayDialogAsync
 *                                    on /auth/dialog) answers with messageParent, or that the person closes it
 * @property {object} [officeTheme]   Office.context.officeTheme (bodyBackgroundColor, bodyForegroundColor, ...)
 */

/**
 * @typedef {object} Naa
 * @property {string} [token]         what a silent GetToken answers (the access token)
 * @property {string} [silentError]   or the bridge status it fails with (USER_INTERACTION_REQUIRED, TRANSIENT_ERROR...)
 * @property {string} [popupToken]    what GetTokenPopup answers
 * @property {string} [popupError]    or the bridge status it fails with (USER_CANCEL...)
 */
const scenario = /** @type {Scenario} */ (window.__officeMock ?? { mode: 'read', itemId: 'AAMkAG/mock' });
const supported = (version) => compareVersions(scenario.mailbox ?? '1.8', version) >= 0;
const state = {
  calls: [],
  itemCategories: [...(scenario.categories ?? [])],
  masterCategories: [...(scenario.masterCategories ?? [])],
  saved: !scenario.neverSaved,
  tokenOptions: [],
};
window.__officeState = state;

function compareVersions(a, b) {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x[0] - y[0] || (x[1] ?? 0) - (y[1] ?? 0);
}

const succeeded = (value) => ({ status: 'succeeded', value });
const failed = (name, message) => ({ status: 'failed', error: { name, code: 9000, message } });

/** An Office-style async method: records the call, answers through the callback on a later task, as Office does. */
function asyncMethod(name, run) {
  return (...args) => {
    const callback = args.findLast((a) => typeof a === 'function');
    const input = args.filter((a) => typeof a !== 'function');
    state.calls.push({ name, args: JSON.parse(JSON.stringify(input)) });
    setTimeout(() => callback?.(run(...input)), 5);
  };
}

const names = (list) => list.map((c) => c.displayName);

const itemCategories = {
  getAsync: asyncMethod('item.categories.getAsync', () => succeeded(state.itemCategories.map((c) => ({ ...c })))),
  addAsync: asyncMethod('item.categories.addAsync', (toAdd) => {
    if (scenario.categoryError) return failed(scenario.categoryError, 'Categories cannot be changed on this item.');
    const missing = toAdd.filter((n) => !names(state.masterCategories).includes(n));
    if (missing.length) return failed('InvalidCategory', `Not in the master list: ${missing.join(', ')}`);
    for (const n of toAdd) {
      if (!names(state.itemCategories).includes(n)) state.itemCategories.push({ ...state.masterCategories.find((c) => c.displayName === n) });
    }
    return succeeded();
  }),
  removeAsync: asyncMethod('item.categories.removeAsync', (toRemove) => {
    state.itemCategories = state.itemCategories.filter((c) => !toRemove.includes(c.displayName));
    return succeeded();
  }),
};

const masterCategories = {
  getAsync: asyncMethod('masterCategories.getAsync', () => succeeded(state.masterCategories.map((c) => ({ ...c })))),
  addAsync: asyncMethod('masterCategories.addAsync', (toAdd) => {
    if (toAdd.some((c) => names(state.masterCategories).includes(c.displayName))) return failed('DuplicateCategory', 'Already in the master list.');
    state.masterCategories.push(...toAdd.map((c) => ({ ...c })));
    return succeeded();
  }),
};

const subject = scenario.subject ?? 'Meeting';
const item = scenario.mode === 'compose'
  ? {
      itemType: 'appointment',
      subject: { getAsync: asyncMethod('item.subject.getAsync', () => succeeded(subject)) },
      saveAsync: asyncMethod('item.saveAsync', () => {
        state.saved = true;
        return succeeded(scenario.savedId ?? scenario.itemId);
      }),
      ...(supported('1.8')
        ? {
            getItemIdAsync: asyncMethod('item.getItemIdAsync', () =>
              state.saved ? succeeded(scenario.savedId ?? scenario.itemId) : failed('ItemNotSaved', 'The ID can\'t be retrieved until the item is saved.')),
            categories: itemCategories,
          }
        : {}),
    }
  : {
      itemType: 'appointment',
      itemId: scenario.itemId,
      subject,
      ...(supported('1.8') ? { categories: itemCategories } : {}),
    };

// Nested app authentication: the bridge Outlook injects, answering MSAL's NestedAppAuthRequest envelopes.
if (scenario.naa) {
  const listeners = [];
  const base64Url = (o) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const account = { homeAccountId: 'mock-oid.mock-tid', environment: 'login.microsoftonline.com', tenantId: 'mock-tid', username: 'ada@contoso.com', localAccountId: 'mock-oid', name: 'Ada' };
  const now = () => Math.floor(Date.now() / 1000);
  const idToken = () => `${base64Url({ alg: 'none', typ: 'JWT' })}.${base64Url({ aud: 'mock', iss: 'https://login.microsoftonline.com/mock-tid/v2.0', iat: now(), nbf: now(), exp: now() + 3600, oid: 'mock-oid', tid: 'mock-tid', preferred_username: account.username, name: account.name, ver: '2.0' })}.`;
  const answer = (request, result) => {
    const response = { messageType: 'NestedAppAuthResponse', requestId: request.requestId, ...result };
    setTimeout(() => listeners.forEach((l) => l(JSON.stringify(response))), 5);
  };
  const token = (request, accessToken, error) => answer(request, error
    ? { success: false, error: { status: error, code: error === 'USER_INTERACTION_REQUIRED' ? 'interaction_required' : undefined, description: `mock: ${error}` } }
    : { success: true, account, token: { access_token: accessToken, expires_in: 3600, id_token: idToken(), properties: null, scope: request.tokenParams?.scope } });
  window.nestedAppAuthBridge = {
    addEventListener: (_, listener) => listeners.push(listener),
    removeEventListener: (_, listener) => listeners.splice(listeners.indexOf(listener), 1),
    postMessage: (message) => {
      const request = JSON.parse(message);
      state.calls.push({ name: `naa.${request.method}`, args: [request.tokenParams?.scope ?? null] });
      if (request.method === 'GetInitContext') answer(request, { success: true, initContext: { sdkName: 'mock-outlook', sdkVersion: '1.0', capabilities: {} } });
      else if (request.method === 'GetToken') token(request, scenario.naa.token, scenario.naa.silentError);
      else if (request.method === 'GetTokenPopup') token(request, scenario.naa.popupToken, scenario.naa.popupError);
    },
  };
}

// Office's dialog API: the sign-in window on /auth/dialog, which answers with messageParent or is closed by the person.
const ui = {
  displayDialogAsync: (url, options, callback) => {
    state.calls.push({ name: 'ui.displayDialogAsync', args: [url] });
    const handlers = {};
    const dialog = {
      addEventHandler: (type, handler) => { handlers[type] = handler; },
      close: () => state.calls.push({ name: 'dialog.close', args: [] }),
    };
    setTimeout(() => {
      callback({ status: 'succeeded', value: dialog });
      setTimeout(() => {
        const answer = scenario.dialog ?? {};
        if (answer.close) handlers.dialogEventReceived?.({ error: 12006 });
        else handlers.dialogMessageReceived?.({ message: JSON.stringify(answer.token ? { token: answer.token } : { error: answer.error ?? 'no answer' }) });
      }, 20);
    }, 5);
  },
};

const tokenError = (code) => Object.assign(new Error(`getAccessToken failed with ${code}`), { code, name: `Error ${code}` });

window.Office = new OfficeMockObject({
  context: {
    requirements: {
      isSetSupported: (name, version) => {
        state.calls.push({ name: 'requirements.isSetSupported', args: [name, version] });
        if (name === 'NestedAppAuth') return Boolean(scenario.naa);
        return name === 'Mailbox' && supported(version ?? '1.1');
      },
    },
    ui,
    ...(scenario.officeTheme ? { officeTheme: scenario.officeTheme } : {}),
    mailbox: {
      item,
      convertToRestId: (id, version) => {
        state.calls.push({ name: 'mailbox.convertToRestId', args: [id, version] });
        return id.replaceAll('/', '-').replaceAll('+', '_');
      },
      ...(supported('1.8') ? { masterCategories } : {}),
    },
  },
  auth: {
    getAccessToken: async (options) => {
      state.tokenOptions.push(options);
      state.calls.push({ name: 'auth.getAccessToken', args: [options] });
      if (scenario.tokenError) throw tokenError(scenario.tokenError);
      return scenario.token ?? 'mock-token';
    },
  },
  onReady: (callback) => {
    const info = { host: 'Outlook', platform: 'OfficeOnline' };
    callback?.(info);
    return Promise.resolve(info);
  },
  HostType: { Outlook: 'Outlook' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  MailboxEnums: {
    RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' },
    ItemType: { Message: 'message', Appointment: 'appointment' },
    CategoryColor: Object.fromEntries([['None', 'None'], ...Array.from({ length: 25 }, (_, i) => [`Preset${i}`, `Preset${i}`])]),
  },
}, 'outlook');
