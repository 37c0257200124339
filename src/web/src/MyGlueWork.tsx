import { useCallback, useEffect, useState } from 'react';
import {
  Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar,
  MessageBarBody, Select, Spinner, Switch, Tab, TabList, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea, Title2, Title3,
} from '@fluentui/react-components';
import {
  ApiError, categories, categoryName, getJson, isoWeek, weeksBefore, type AuditEntry, type Fetcher, type PeriodSummary, type Profile, type RecordView,
  type SharingResult, type SharingState,
} from './api';
import { WeeklyChart } from './WeeklyChart';
import { Artifacts, Stats } from './Stats';
import { AddWork } from './AddWork';
import { ReviewQuarter } from './ReviewQuarter';

const periods = { week: 0, quarter: 12, year: 51 } as const;
type Period = keyof typeof periods;

export function MyGlueWork({ fetcher, profile }: { fetcher: Fetcher; profile: Profile }) {
  const [period, setPeriod] = useState<Period>('quarter');
  const [summary, setSummary] = useState<PeriodSummary>();
  const [week, setWeek] = useState(isoWeek(new Date()));
  const [records, setRecords] = useState<RecordView[]>();
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [editing, setEditing] = useState<RecordView>();
  const [sharing, setSharing] = useState<SharingState>();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const now = new Date();
  const from = weeksBefore(now, periods[period]);
  const to = isoWeek(now);

  const load = useCallback(() => {
    getJson<PeriodSummary>(fetcher, `/api/me/summary?from=${from}&to=${to}`).then(setSummary, (e: Error) => setError(e.message));
    getJson<RecordView[]>(fetcher, `/api/me/records?week=${week}`).then(setRecords, (e: Error) => setError(e.message));
    getJson<AuditEntry[]>(fetcher, '/api/me/audit').then(setAudit, (e: Error) => setError(e.message));
    getJson<SharingState>(fetcher, '/api/me/sharing').then(setSharing, (e: Error) => setError(e.message));
    setPicked(new Set());
  }, [fetcher, from, to, week]);

  /** Shares or hides the picked records, or the whole period shown; the table then shows each record's real state. */
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

  const download = async (format: 'md' | 'csv') => {
    const response = await fetcher(`/api/me/export?from=${from}&to=${to}&format=${format}`);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `glue-work-${from}-${to}.${format}`;
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <>
      <Title2 as="h1">My glue work</Title2>
      <p>{profile.displayName} — {sharingText(sharing)}</p>
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {notice && <MessageBar intent="success"><MessageBarBody>{notice}</MessageBarBody></MessageBar>}
      <TabList selectedValue={period} onTabSelect={(_, d) => setPeriod(d.value as Period)} aria-label="Period">
        <Tab value="week">Week</Tab>
        <Tab value="quarter">Quarter</Tab>
        <Tab value="year">Year</Tab>
      </TabList>
      {!summary ? <Spinner label="Loading summary…" /> : (
        <section aria-label="Summary">
          <Stats total={summary.total} />
          <WeeklyChart period={summary} title={`Glue work ${summary.from} to ${summary.to}`} />
          <Title3 as="h2">Artifacts and outcomes</Title3>
          <Artifacts total={summary.total} />
        </section>
      )}
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', margin: '12px 0' }}>
        <Button onClick={() => void share(true, { from, to })}>Share {from} to {to} with my manager</Button>
        <Button onClick={() => void share(false, { from, to })}>Make {from} to {to} private</Button>
      </div>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', margin: '12px 0' }}>
        <Button onClick={() => void download('md')}>Export promotion packet (Markdown)</Button>
        <Button onClick={() => void download('csv')}>Export records (CSV)</Button>
      </div>
      <ReviewQuarter fetcher={fetcher} onChanged={load} />
      <AddWork fetcher={fetcher} onSaved={load} />
      <Title3 as="h2">Records of a week</Title3>
      <Field label="Week">
        <Input value={week} onChange={(_, d) => setWeek(d.value)} pattern="\d{4}-W\d{2}" />
      </Field>
      {records && (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', margin: '8px 0' }}>
          <Button disabled={picked.size === 0} onClick={() => void share(true, { ids: [...picked] })}>Share selected</Button>
          <Button disabled={picked.size === 0} onClick={() => void share(false, { ids: [...picked] })}>Make selected private</Button>
        </div>
      )}
      {records && (
        <Table aria-label={`Records of ${week}`} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Select</TableHeaderCell><TableHeaderCell>Meeting</TableHeaderCell><TableHeaderCell>Minutes</TableHeaderCell>
              <TableHeaderCell>Category</TableHeaderCell><TableHeaderCell>Shared</TableHeaderCell><TableHeaderCell>Edit</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {records.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <Checkbox aria-label={`Select ${r.title}`} checked={picked.has(r.id)} onChange={(_, d) => {
                    const next = new Set(picked);
                    if (d.checked) next.add(r.id); else next.delete(r.id);
                    setPicked(next);
                  }} />
                </TableCell>
                <TableCell>{r.title}</TableCell>
                <TableCell>{r.minutes}</TableCell>
                <TableCell>{r.confirmation ? categoryName(r.confirmation.categoryId) : `suggested: ${categoryName(r.suggestion?.categoryId ?? '')}`}</TableCell>
                <TableCell>{!r.confirmation ? 'no (not confirmed)' : r.confirmation.sharedWithManager ? 'yes' : 'no'}</TableCell>
                <TableCell><Button size="small" onClick={() => setEditing(r)} aria-label={`Edit ${r.title}`}>Edit</Button></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Title3 as="h2">Who viewed my data</Title3>
      {audit.length === 0 ? <p>Nobody has viewed your data.</p> : (
        <ul>{audit.map((a, i) => <li key={i}>{new Date(a.at).toLocaleString()}: {a.actorName} — {a.action} ({a.detail})</li>)}</ul>
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
