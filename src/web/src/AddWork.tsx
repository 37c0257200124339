import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Title3 } from '@fluentui/react-components';
import { ApiError, categories, categoryName, type Fetcher, type RecordView } from './api';

/** POST /api/me/work's answer: the stored entry and what Glueprint suggested for it. */
interface WorkView { record: RecordView; suggestion: { categoryId: string; reason: string } | null; impactReason: string | null }

const empty = { text: '', duration: '', link: '', category: '', impact: '' };

/**
 * "Add work": glue work that was not a meeting (a guide written, questions answered, an async review). Category and
 * impact may be left to Glueprint's suggestion; the server checks every field (the same rules as "log 2h …" in chat).
 */
export function AddWork({ fetcher, onSaved }: { fetcher: Fetcher; onSaved: () => void }) {
  const [form, setForm] = useState(empty);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const error = (field: string) => errors[field]?.join(' ');

  const save = async () => {
    setBusy(true);
    setErrors({});
    setFailure(undefined);
    try {
      const response = await fetcher('/api/me/work', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...form, key }),
      });
      if (response.status === 409) {
        setFailure(((await response.json()) as { detail?: string }).detail ?? 'Nothing was saved.');
        return;
      }
      const view = (await response.json()) as WorkView;
      const c = view.record.confirmation;
      setSaved(`Logged: ${view.record.title} (${view.record.minutes} min) as ${categoryName(c?.categoryId ?? '')}, ${c?.impact ?? ''}`
        + (c?.impact === 'multiplier' && view.impactReason ? ` (${view.impactReason})` : '') + '.');
      setForm(empty);
      setKey(crypto.randomUUID());
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors) setErrors(e.problem.errors);
      else setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Add work">
      <Title3 as="h2">Add work</Title3>
      <p>Glue work that was not a meeting: a guide you wrote, questions you answered, an async review.</p>
      {saved && <MessageBar intent="success"><MessageBarBody>{saved}</MessageBarBody></MessageBar>}
      {failure && <MessageBar intent="error"><MessageBarBody>{failure}</MessageBarBody></MessageBar>}
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 520 }}>
        <Field label="What was it" validationMessage={error('text')} required>
          <Input value={form.text} maxLength={200} onChange={(_, d) => set({ text: d.value })} placeholder="Wrote the onboarding guide" />
        </Field>
        <Field label="Time spent" validationMessage={error('duration')} required hint="90m, 1.5h or 1h30; at most 12 h per entry">
          <Input value={form.duration} onChange={(_, d) => set({ duration: d.value })} placeholder="1.5h" />
        </Field>
        <Field label="Link" validationMessage={error('link')} hint="the artifact, if there is one (https://…)">
          <Input type="url" value={form.link} onChange={(_, d) => set({ link: d.value })} placeholder="https://…" />
        </Field>
        <Field label="Category" validationMessage={error('category')}>
          <Select value={form.category} onChange={(_, d) => set({ category: d.value })}>
            <option value="">Let Glueprint suggest</option>
            {categories.filter(([id]) => id !== 'not-glue').map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </Select>
        </Field>
        <Field label="Impact" validationMessage={error('impact')}>
          <Select value={form.impact} onChange={(_, d) => set({ impact: d.value })}>
            <option value="">Let Glueprint suggest</option>
            <option value="multiplier">Multiplier (builds something reusable)</option>
            <option value="one-off">One-off help</option>
          </Select>
        </Field>
        <div><Button appearance="primary" disabled={busy} onClick={() => void save()}>Add work</Button></div>
      </div>
    </section>
  );
}
