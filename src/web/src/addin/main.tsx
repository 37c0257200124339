import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider } from '@fluentui/react-components';
import { devTokenGetter } from '../devToken';
import { asTheme, themes } from '../theme';
import { currentItem, officeToken, type OutlookItem } from './outlook';
import { TaskPane } from './TaskPane';

const query = new URLSearchParams(window.location.search);
const tid = query.get('tid');
const oid = query.get('oid');
const devToken = tid && oid ? devTokenGetter(tid, oid) : undefined;

/** Development in a plain browser (no Outlook): ?tid=&oid=&event=<REST id> tags that event of a simulated user. */
function devItem(): OutlookItem | null {
  const event = query.get('event');
  if (!devToken || !event) return null;
  return { mode: 'read', currentEvent: async () => ({ kind: 'id', restId: event }), save: () => Promise.reject(new Error('no Outlook')), categories: null };
}

function render(content: React.ReactNode) {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <FluentProvider theme={themes[asTheme(query.get('theme'))]} style={{ minHeight: '100vh', padding: '12px', boxSizing: 'border-box' }}>
        <main>{content}</main>
      </FluentProvider>
    </StrictMode>,
  );
}

// office.js (loaded by its own script tag, from Microsoft's CDN as Office requires) calls back once Outlook is ready.
const ready = typeof Office === 'undefined' ? Promise.resolve() : Office.onReady().then(() => undefined);
void ready.then(() => {
  const item = currentItem() ?? devItem();
  render(item
    ? <TaskPane item={item} getToken={devToken ?? officeToken} />
    : <p role="alert">Open this pane from a meeting in Outlook (or, in Development, add ?tid=&amp;oid=&amp;event= to the address).</p>);
});
