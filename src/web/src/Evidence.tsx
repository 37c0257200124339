import { useCallback, useEffect, useState } from 'react';
import {
  Button, Card, Checkbox, Field, MessageBar, MessageBarActions, MessageBarBody, Select, Switch, Text, Textarea, Title3,
} from '@fluentui/react-components';
import {
  ApiError, categoryName, dayText, download, getJson, sendJson, type Acknowledgement, type Fetcher, type Impact, type Ladder, type Nudge,
  type SharedRecord,
} from './api';
import { ButtonRow, useListStyles } from './Layout';

/** "Measure your impact": weeks with records in real dates, people reached, and each theme in a sentence. */
export function ImpactSection({ fetcher, from, to }: { fetcher: Fetcher; from: string; to: string }) {
  const [impact, setImpact] = useState<Impact>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setImpact(undefined);
    getJson<Impact>(fetcher, `/api/me/impact?from=${from}&to=${to}`).then(setImpact, (e: Error) => setError(e.message));
  }, [fetcher, from, to]);
  if (error) return <Text>Impact could not be read: {error}</Text>;
  if (!impact) return null;
  return (
    <section aria-label="Your impact">
      <Title3 as="h2">Your impact</Title3>
      {impact.weeksWithRecords === 0 || !impact.firstDay || !impact.lastDay ? <p>No confirmed records in this period yet.</p> : (
        <>
          <p>{impact.weeksWithRecords} week{impact.weeksWithRecords === 1 ? '' : 's'} with records between {dayText(impact.firstDay)} and {dayText(impact.lastDay)}.
            {impact.people > 0 && ` You reached ${impact.people} ${impact.people === 1 ? 'person' : 'people'}${impact.teams > 0 ? ` from ${impact.teams} team${impact.teams === 1 ? '' : 's'}` : ''}.`}</p>
          <ul aria-label="Impact by theme">
            {impact.categories.map((c) => <li key={c.categoryId}>{categoryName(c.categoryId)}: {c.summary}</li>)}
          </ul>
        </>
      )}
    </section>
  );
}

/** The engineer's private nudges, each dismissable for good. */
export function NudgeBars({ fetcher }: { fetcher: Fetcher }) {
  const [nudges, setNudges] = useState<Nudge[]>([]);
  const load = useCallback(() => { getJson<Nudge[]>(fetcher, '/api/me/nudges').then(setNudges, () => setNudges([])); }, [fetcher]);
  useEffect(load, [load]);
  const dismiss = (key: string) => sendJson(fetcher, '/api/me/nudges/dismiss', 'POST', { key }).then(load, load);
  return (
    <>
      {nudges.map((n) => (
        <MessageBar key={n.key} intent="info" layout="multiline" aria-label="A nudge only you see">
          <MessageBarBody>{n.text}</MessageBarBody>
          <MessageBarActions><Button onClick={() => void dismiss(n.key)} aria-label={`Dismiss: ${n.text}`}>Dismiss</Button></MessageBarActions>
        </MessageBar>
      ))}
    </>
  );
}

/** What the manager acknowledged, and the engineer's choice to quote each in the packet. */
export function AcknowledgementList({ fetcher }: { fetcher: Fetcher }) {
  const styles = useListStyles();
  const [items, setItems] = useState<Acknowledgement[]>();
  const load = useCallback(() => { getJson<Acknowledgement[]>(fetcher, '/api/me/acknowledgements').then(setItems, () => setItems([])); }, [fetcher]);
  useEffect(load, [load]);
  const quote = (id: string, quoted: boolean) => sendJson(fetcher, `/api/me/acknowledgements/${encodeURIComponent(id)}`, 'PATCH', { quoted }).then(load, load);
  return (
    <section aria-label="What your manager said">
      <Title3 as="h2">What your manager said</Title3>
      {!items ? null : items.length === 0 ? <p>Nothing yet. When your manager acknowledges work you shared, it appears here; you choose what your packet quotes.</p> : (
        <ul className={styles.list} aria-label="Acknowledgements">
          {items.map((a) => (
            <li key={a.id}>
              <Card className={styles.card} size="small">
                <Text className={styles.title}>{a.managerName}, on {a.about}</Text>
                <Text as="p" style={{ overflowWrap: 'anywhere' }}>“{a.note}”</Text>
                <Text size={200}>{new Date(a.at).toLocaleDateString()}</Text>
                <Switch label="Quote in my packet" checked={a.quoted} onChange={(_, d) => void quote(a.id, d.checked)} />
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The packet's exports: a ladder level, the private section on request, Markdown with its chart (zip), Word, or the records as CSV. */
export function PacketExport({ fetcher, from, to, onError }: { fetcher: Fetcher; from: string; to: string; onError: (message: string) => void }) {
  const [ladder, setLadder] = useState<Ladder>();
  const [level, setLevel] = useState<string>();
  const [includePrivate, setIncludePrivate] = useState(false);
  useEffect(() => { getJson<Ladder>(fetcher, '/api/me/ladder').then((l) => { setLadder(l); setLevel(l.defaultLevel); }, (e: Error) => onError(e.message)); }, [fetcher, onError]);
  const exportAs = (format: 'md' | 'docx' | 'csv', extension: string) => {
    const options = format === 'csv' ? '' : `&level=${encodeURIComponent(level ?? '')}&includePrivate=${includePrivate}`;
    download(fetcher, `/api/me/export?from=${from}&to=${to}&format=${format}${options}`, `glue-work-${from}-${to}.${extension}`).catch((e: Error) => onError(e.message));
  };
  return (
    <section aria-label="Promotion packet">
      <Title3 as="h2">Promotion packet</Title3>
      <ButtonRow>
        {ladder && (
          <Field label="Evidence for">
            <Select value={level} onChange={(_, d) => setLevel(d.value)}>
              {ladder.levels.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            </Select>
          </Field>
        )}
        <Checkbox label="Include the private section (delegated work)" checked={includePrivate} onChange={(_, d) => setIncludePrivate(!!d.checked)} />
      </ButtonRow>
      <ButtonRow>
        <Button onClick={() => exportAs('md', 'zip')}>Export promotion packet (Markdown)</Button>
        <Button onClick={() => exportAs('docx', 'docx')}>Export promotion packet (Word)</Button>
        <Button onClick={() => exportAs('csv', 'csv')}>Export records (CSV)</Button>
      </ButtonRow>
    </section>
  );
}

const recordText = (r: SharedRecord) =>
  `${new Date(r.start).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })} · ${categoryName(r.categoryId)} · ${r.minutes} min${r.artifactTitle ? ` · ${r.artifactTitle}` : ''}`;

/**
 * A manager acknowledges a record or the period a report shared, with a short note. The shared records are read (an
 * audited read) only when the manager opens the form.
 */
export function AcknowledgeForm({ fetcher, userId, name, from, to }: { fetcher: Fetcher; userId: string; name: string; from: string; to: string }) {
  const [open, setOpen] = useState(false);
  const [records, setRecords] = useState<SharedRecord[]>();
  const [written, setWritten] = useState<Acknowledgement[]>([]);
  const [target, setTarget] = useState('period');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string }>();
  const base = `/api/team/members/${encodeURIComponent(userId)}`;
  const loadWritten = useCallback(() => { getJson<Acknowledgement[]>(fetcher, `${base}/acknowledgements`).then(setWritten, () => setWritten([])); }, [fetcher, base]);
  useEffect(loadWritten, [loadWritten]);
  const start = () => {
    setOpen(true);
    getJson<SharedRecord[]>(fetcher, `${base}/records?from=${from}&to=${to}`).then(setRecords, (e: Error) => setMessage({ intent: 'error', text: e.message }));
  };
  const send = async () => {
    try {
      await sendJson(fetcher, `${base}/acknowledgements`, 'POST', target === 'period' ? { from, to, note } : { recordId: target, note });
      setMessage({ intent: 'success', text: `Sent. ${name} sees it in GlueTeams and can quote it in their packet.` });
      setNote('');
      loadWritten();
    } catch (e) {
      setMessage({ intent: 'error', text: e instanceof ApiError ? e.message : (e as Error).message });
    }
  };
  return (
    <section aria-label={`Acknowledge ${name}'s work`}>
      <Title3 as="h3">Acknowledge</Title3>
      {!open ? <ButtonRow><Button onClick={start}>Acknowledge {name}'s work…</Button></ButtonRow> : (
        <>
          <Field label="What">
            <Select value={target} onChange={(_, d) => setTarget(d.value)}>
              <option value="period">This period ({from} to {to})</option>
              {records?.map((r) => <option key={r.id} value={r.id}>{recordText(r)}</option>)}
            </Select>
          </Field>
          <Field label="Your note (up to 500 characters)">
            <Textarea value={note} maxLength={500} onChange={(_, d) => setNote(d.value)} />
          </Field>
          <ButtonRow><Button appearance="primary" disabled={note.trim().length === 0} onClick={() => void send()}>Send acknowledgement</Button></ButtonRow>
        </>
      )}
      {message && <MessageBar intent={message.intent}><MessageBarBody>{message.text}</MessageBarBody></MessageBar>}
      {written.length > 0 && (
        <ul aria-label="What you acknowledged">{written.map((a) => <li key={a.id} style={{ overflowWrap: 'anywhere' }}>{a.about}: “{a.note}”</li>)}</ul>
      )}
    </section>
  );
}
