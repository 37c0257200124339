import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider } from '@fluentui/react-components';
import { devTokenGetter } from '../devToken';
import { asTheme, themes } from '../theme';
import type { ThemeName } from '../session';
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

/** Perceived lightness of a #rrggbb colour, 0 (black) to 1 (white). */
function lightness(hex: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return m ? (0.299 * parseInt(m[1], 16) + 0.587 * parseInt(m[2], 16) + 0.114 * parseInt(m[3], 16)) / 255 : null;
}

/** Office's own theme (Office.context.officeTheme): a dark body background means the dark theme. ?theme= wins (Development). */
function paneTheme(): ThemeName {
  if (query.get('theme')) return asTheme(query.get('theme'));
  const office = typeof Office === 'undefined' ? undefined : Office.context?.officeTheme;
  const body = office?.bodyBackgroundColor ? lightness(office.bodyBackgroundColor) : null;
  return body !== null && body < 0.5 ? 'dark' : 'default';
}

function render(content: React.ReactNode) {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <FluentProvider theme={themes[paneTheme()]} style={{ minHeight: '100vh', padding: '12px', boxSizing: 'border-box' }}>
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
    : <p role="alert">Open this pane from a meeting in Outlook: select a meeting, then Tag glue work on the ribbon.</p>);
});
