import { useCallback, useEffect, useState } from 'react';
import {
  Button, Card, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar,
  MessageBarBody, Select, Spinner, Switch, Tab, TabList, Text, Textarea, Title2, Title3,
} from '@fluentui/react-components';
import {
  ApiError, addWeeks, categories, getJson, type Fetcher, type PeriodSummary, type Profile, type RecordView,
  type SharingResult, type SharingState, type ViewedDay,
} from './api';
import { WeeklyChart, weeksOf } from './WeeklyChart';
import { Artifacts, Stats } from './Stats';
import { WeekPicker } from './Pickers';
import { ButtonRow, CategoryLabel, ErrorState, useListStyles } from './Layout';
import { AddWork } from './AddWork';
import { ReviewQuarter } from './ReviewQuarter';
import { AcknowledgementList, ImpactSection, NudgeBars, PacketExport } from './Evidence';

const periods = { week: 0, quarter: 12, year: 51 } as const;
type Period = keyof typeof periods;

export function MyGlueWork({ fetcher, profile }: { fetcher: Fetcher; profile: Profile }) {
  const styles = useListStyles();
  const [period, setPeriod] = useState<Period>('quarter');
  const [summary, setSummary] = useState<PeriodSummary>();
  const [week, setWeek] = useState<string | null>(profile.currentWeek);
  const [records, setRecords] = useState<RecordView[]>();
  const [audit, setAudit] = useState<ViewedDay[]>();
  const [editing, setEditing] = useState<RecordView>();
  const [sharing, setSharing] = useState<SharingState>();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  // "This week" is the user's own week, as the API says (their profile's time zone), never the browser's UTC date.
  const to = profile.currentWeek;
  const from = addWeeks(to, -periods[period]);

  const load = useCallback(() => {
    setError(undefined);
    const fail = (e: Error) => setError(e.message);
    getJson<PeriodSummary>(fetcher, `/api/me/summary?from=${from}&to=${to}`).then(setSummary, fail);
    setRecords(undefined);
    if (week) getJson<RecordView[]>(fetcher, `/api/me/records?week=${week}`).then(setRecords, fail);
    getJson<ViewedDay[]>(fetcher, '/api/me/audit').then(setAudit, fail);
    getJson<SharingState>(fetcher, '/api/me/sharing').then(setSharing, fail);
    setPicked(new Set());
  }, [fetcher, from, to, week]);

  /** Shares or hides the picked records, or the whole period shown; the list then shows each record's real state. */
  const share = async (shared: boolean, selection: { ids: string[] } | { from: string; to: string }) => {
    try {
      const response = await fetcher('/api/me/records/sharing', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...selection, shared }),
      });
      const result = (await response.json()) as SharingResult;
      setNotice(`${result.changed} record${result.changed === 1 ? '' : 's'} ${shared ? 'shared' : 'made private'}`
        + (result.selected > result.confirmed ? `; ${result.selected - result.confirmed} not confirmed yet, so not shared.` : '.'));
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(load, [load]);

  const showError = useCallback((message: string) => setError(message), []);

  return (
    <>
      <Title2 as="h1">My glue work</Title2>
      <p>{profile.displayName} — {sharingText(sharing)}</p>
      {profile.teamsUnreachable && (
        <MessageBar intent="warning">
          <MessageBarBody>Glueprint can't reach you in Teams: reinstall the app to get your weekly card again.</MessageBarBody>
        </MessageBar>
      )}
      {error && <ErrorState message={`Something went wrong: ${error}`} onRetry={load} />}
      {notice && <MessageBar intent="success"><MessageBarBody>{notice}</MessageBarBody></MessageBar>}
      <NudgeBars fetcher={fetcher} />
      <TabList selectedValue={period} onTabSelect={(_, d) => setPeriod(d.value as Period)} aria-label="Period">
        <Tab value="week">Week</Tab>
        <Tab value="quarter">Quarter</Tab>
        <Tab value="year">Year</Tab>
      </TabList>
      {!summary ? (!error && <Spinner label="Loading summary…" />) : (
        <section aria-label="Summary">
          <Stats total={summary.total} showDelegated />
          {summary.total.confirmedCount === 0 && (
            <MessageBar intent="info">
              <MessageBarBody>Nothing confirmed from {from} to {to} yet. Confirm your meetings in the weekly card in Teams, or below, week by week.</MessageBarBody>
            </MessageBar>
          )}
          <WeeklyChart weeks={weeksOf(summary)} title={`Glue work ${summary.from} to ${summary.to}`} />
          <Title3 as="h2">Artifacts and outcomes</Title3>
          <Artifacts total={summary.total} />
        </section>
      )}
      <ImpactSection fetcher={fetcher} from={from} to={to} />
      <ButtonRow>
        <Button onClick={() => void share(true, { from, to })}>Share this period with my manager</Button>
        <Button onClick={() => void share(false, { from, to })}>Make this period private</Button>
      </ButtonRow>
      <AcknowledgementList fetcher={fetcher} />
      <PacketExport fetcher={fetcher} from={from} to={to} onError={showError} />
      <ReviewQuarter fetcher={fetcher} onChanged={load} />
      <AddWork fetcher={fetcher} onSaved={load} />
      <Title3 as="h2">Records of a week</Title3>
      <WeekPicker week={week} currentWeek={profile.currentWeek} onChange={setWeek} />
      {week && records && records.length > 0 && (
        <ButtonRow>
          <Button disabled={picked.size === 0} onClick={() => void share(true, { ids: [...picked] })}>Share selected</Button>
          <Button disabled={picked.size === 0} onClick={() => void share(false, { ids: [...picked] })}>Make selected private</Button>
        </ButtonRow>
      )}
      {week && !records && !error && <Spinner label={`Loading ${week}…`} />}
      {week && records?.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>No meetings are recorded for {week}. GlueTeams reads your calendar when the weekly card is sent, or when you say "this week" to the bot.</MessageBarBody>
        </MessageBar>
      )}
      {week && records && records.length > 0 && (
        <ul className={styles.list} aria-label={`Records of ${week}`}>
          {records.map((r) => (
            <li key={r.id}>
              <Card className={styles.card} size="small">
                <div className={styles.line}>
                  <Checkbox aria-label={`Select ${r.title}`} checked={picked.has(r.id)} onChange={(_, d) => {
                    const next = new Set(picked);
                    if (d.checked) next.add(r.id); else next.delete(r.id);
                    setPicked(next);
                  }} />
                  <Text className={styles.title}>{r.title}</Text>
                </div>
                <Text>{new Date(r.start).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })} · {r.minutes} min</Text>
                {r.confirmation ? <CategoryLabel id={r.confirmation.categoryId} /> : <CategoryLabel id={r.suggestion?.categoryId ?? 'not-glue'} prefix="suggested: " />}
                <Text>{!r.confirmation ? 'Not shared (not confirmed)' : r.confirmation.sharedWithManager ? 'Shared with my manager' : 'Private'}</Text>
                <ButtonRow><Button size="small" onClick={() => setEditing(r)} aria-label={`Edit ${r.title}`}>Edit</Button></ButtonRow>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Title3 as="h2">Who viewed my data</Title3>
      {!audit ? (!error && <Spinner label="Loading…" />) : audit.length === 0 ? <p>Nobody has viewed your data.</p> : (
        <ul aria-label="Who viewed my data">{audit.map((a) => <li key={`${a.date}-${a.viewer}-${a.what}`}>{a.text}</li>)}</ul>
      )}
      {editing && <EditRecord fetcher={fetcher} record={editing} onClose={(saved) => { setEditing(undefined); if (saved) load(); }} />}
    </>
  );
}

/** The header's truth: how many confirmed records the manager can see, not just the default. */
function sharingText(state: SharingState | undefined): string {
  if (!state) return 'checking what your manager can see…';
  const defaultText = state.sharingDefault === null ? 'you have not chosen yet, so new records stay private'
    : state.sharingDefault ? 'records you confirm from now on are shared' : 'records you confirm from now on stay private';
  if (state.shared === 0) return `nothing is shared with your manager (${defaultText}).`;
  return `${state.shared} of your ${state.confirmed} confirmed records are shared with your manager (${defaultText}).`;
}

/** The card's edit form; the server's TagValidator is the one validation, its messages are shown per field. */
function EditRecord({ fetcher, record, onClose }: { fetcher: Fetcher; record: RecordView; onClose: (saved: boolean) => void }) {
  const c = record.confirmation;
  const [form, setForm] = useState({
    category: c?.categoryId ?? record.suggestion?.categoryId ?? 'mentoring', impact: c?.impact ?? 'one-off',
    artifactLink: c?.artifactLink ?? '', artifactTitle: c?.artifactTitle ?? '', note: c?.note ?? '',
    delegated: c?.delegated ?? false, sharedWithManager: c?.sharedWithManager ?? false,
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const save = async () => {
    try {
      const response = await fetcher(`/api/me/records/${encodeURIComponent(record.id)}`, {
        method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...form, etag: record.eTag }),
      });
      if (response.status === 409) {
        setMessage('This record changed elsewhere (another device or the weekly card). Close and edit it again.');
        return;
      }
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors) setErrors(e.problem.errors);
      else setMessage((e as Error).message);
    }
  };
  const error = (field: string) => errors[field]?.join(' ');
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose(false)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{record.title}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {message && <MessageBar intent="warning"><MessageBarBody>{message}</MessageBarBody></MessageBar>}
            <Field label="Category" validationMessage={error('category')}>
              <Select value={form.category} onChange={(_, d) => set({ category: d.value })}>
                {categories.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
              </Select>
            </Field>
            <Field label="Impact" validationMessage={error('impact')}>
              <Select value={form.impact} onChange={(_, d) => set({ impact: d.value })}>
                <option value="multiplier">Multiplier (builds something reusable)</option>
                <option value="one-off">One-off help</option>
              </Select>
            </Field>
            <Field label="Artifact link" validationMessage={error('artifactLink')}>
              <Input type="url" value={form.artifactLink} onChange={(_, d) => set({ artifactLink: d.value })} />
            </Field>
            <Field label="Artifact title" validationMessage={error('artifactTitle')}>
              <Input value={form.artifactTitle} onChange={(_, d) => set({ artifactTitle: d.value })} />
            </Field>
            <Field label="Outcome" validationMessage={error('note')}>
              <Textarea value={form.note} onChange={(_, d) => set({ note: d.value })} />
            </Field>
            <Checkbox label="Someone else's work, delegated to me" checked={form.delegated} onChange={(_, d) => set({ delegated: !!d.checked })} />
            <Switch label="Share with my manager" checked={form.sharedWithManager} onChange={(_, d) => set({ sharedWithManager: d.checked })} />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void save()}>Save</Button>
            <Button onClick={() => onClose(false)}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
