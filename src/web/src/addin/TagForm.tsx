import { useEffect, useRef } from 'react';
import { Button, Checkbox, Field, Radio, RadioGroup, Select, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { FieldErrors, Impact, TagView } from './tags';

/** What the person typed; kept as typed through failures and retries. */
export interface FormValues {
  category: string;
  impact: Impact;
  artifactLink: string;
  artifactTitle: string;
  note: string;
  delegated: boolean;
  sharedWithManager: boolean;
}

export function formFrom(view: TagView): FormValues {
  const c = view.confirmation;
  return {
    category: c?.categoryId ?? view.suggestion?.categoryId ?? '',
    impact: c?.impact ?? view.impacts[0].value, // the default first
    artifactLink: c?.artifactLink ?? '',
    artifactTitle: c?.artifactTitle ?? '',
    note: c?.note ?? '',
    delegated: c?.delegated ?? false,
    // Nothing is shared until the person says so: an unanswered default is "not shared".
    sharedWithManager: c?.sharedWithManager ?? view.sharingDefault ?? false,
  };
}

/** The fields in page order: the first one with an error gets the focus. */
const FIELD_ORDER: (keyof FieldErrors)[] = ['category', 'impact', 'artifactLink', 'artifactTitle', 'note'];

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  /** One line of text that wraps anywhere (a link has no spaces to wrap at). */
  line: { '& textarea': { overflowWrap: 'anywhere', minHeight: 'auto' } },
});

interface Props {
  categories: TagView['categories'];
  impacts: TagView['impacts'];
  values: FormValues;
  onChange: (values: FormValues) => void;
  errors: FieldErrors;
  saving: boolean;
  onSubmit: () => void;
}

export function TagForm({ categories, impacts, values, onChange, errors, saving, onSubmit }: Props) {
  const styles = useStyles();
  const fields = useRef<Partial<Record<keyof FieldErrors, HTMLElement | null>>>({});
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => onChange({ ...values, [key]: value });

  useEffect(() => {
    const first = FIELD_ORDER.find((f) => errors[f]);
    const element = first && fields.current[first];
    (element?.matches('input, select, textarea') ? element : element?.querySelector('input'))?.focus();
  }, [errors]);

  return (
    <form className={styles.form} noValidate onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      <Field label="Category" required validationMessage={errors.category}>
        <Select ref={(e) => { fields.current.category = e; }} value={values.category} onChange={(_, d) => set('category', d.value)}>
          {!values.category && <option value="">Choose a category</option>}
          {categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </Select>
      </Field>
      <Field label="Impact" validationMessage={errors.impact}>
        <RadioGroup ref={(e) => { fields.current.impact = e; }} value={values.impact} onChange={(_, d) => set('impact', d.value as Impact)}>
          {impacts.map((i) => <Radio key={i.value} value={i.value} label={i.label} />)}
        </RadioGroup>
      </Field>
      {/* Text areas, not inputs: a long link or title wraps in Outlook's narrow pane instead of scrolling out of sight. */}
      <Field label="Artifact link" hint="A doc, runbook, guide or talk it produced (https://…)" validationMessage={errors.artifactLink}>
        <Textarea ref={(e) => { fields.current.artifactLink = e; }} className={styles.line} rows={1} resize="vertical" inputMode="url" spellCheck={false}
          value={values.artifactLink} onChange={(_, d) => set('artifactLink', d.value.replace(/\s+/g, ''))} />
      </Field>
      <Field label="Artifact title" validationMessage={errors.artifactTitle}>
        <Textarea ref={(e) => { fields.current.artifactTitle = e; }} className={styles.line} rows={1} resize="vertical"
          value={values.artifactTitle} onChange={(_, d) => set('artifactTitle', d.value.replace(/[\r\n]+/g, ' '))} />
      </Field>
      <Field label="Outcome" hint="What it changed, in your leadership's words" validationMessage={errors.note}>
        <Textarea ref={(e) => { fields.current.note = e; }} resize="vertical" value={values.note} onChange={(_, d) => set('note', d.value)} />
      </Field>
      <Checkbox checked={values.delegated} onChange={(_, d) => set('delegated', d.checked === true)} label="Delegated: someone else's work handed to me" />
      <Checkbox checked={values.sharedWithManager} onChange={(_, d) => set('sharedWithManager', d.checked === true)} label="Share with my manager" />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving}>Save</Button>
        {saving && <Spinner size="tiny" label="Saving…" />}
      </div>
    </form>
  );
}
