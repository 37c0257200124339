import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Badge, Button, Caption1, Link, MessageBar, MessageBarActions, MessageBarBody, Spinner, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import { createFetcher } from '../api';
import { categoryColour, type EventRef, type OutlookItem } from './outlook';
import { ChangedElsewhere, describeFailure, linkError, loadTag, saveTag, type Failure, type FieldErrors, type TagInput, type TagView } from './tags';
import { TagForm, formFrom, type FormValues } from './TagForm';

type Phase =
  | { name: 'loading' }
  | { name: 'needs-save'; why: 'unsaved' | 'save-to-know' }
  | { name: 'load-failed'; failure: Failure }
  | { name: 'ready'; eventId: string; view: TagView };

/** What the last save came to: a message, and a Retry when it failed in a way a retry can mend. */
interface Outcome {
  intent: 'success' | 'warning' | 'error';
  text: string;
  retry?: boolean;
  /** The tag changed elsewhere: offer to load the saved one into the form. */
  reload?: boolean;
  /** Where this Outlook cannot set categories: said beside a success, never as an error. */
  note?: string;
  /** The admin consent page, when the organisation has not granted Glueprint access yet. */
  consentUrl?: string;
}

/** The admin consent page, for the person to hand their admin; it opens outside Outlook. */
function ConsentLink({ url }: { url?: string }) {
  return url ? <> <Link href={url} target="_blank" rel="noreferrer">Admin consent page (for your admin; opens in your browser)</Link></> : null;
}

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  hint: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS },
});

const NEEDS_SAVE: Record<'unsaved' | 'save-to-know', string> = {
  unsaved: 'This meeting is new and has not been saved yet, so Glueprint cannot tag it. Save it first: saving a new meeting does not send the invitations.',
  'save-to-know': 'This version of Outlook tells add-ins which meeting this is only once it is saved. Save it to tag it: attendees you added or removed get an update.',
};

function toInput(values: FormValues): TagInput {
  const text = (value: string) => (value.trim() ? value.trim() : null);
  return {
    category: values.category,
    impact: values.impact,
    artifactLink: text(values.artifactLink),
    artifactTitle: text(values.artifactTitle),
    note: text(values.note),
    delegated: values.delegated,
    sharedWithManager: values.sharedWithManager,
  };
}

function when(view: TagView): string {
  const start = new Date(view.start);
  const day = start.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
  const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const length = view.minutes < 60 ? `${view.minutes} min` : `${Number((view.minutes / 60).toFixed(1))} h`;
  return `${day}, ${time(start)}–${time(new Date(view.end))} (${length})`;
}

export function TaskPane({ item, getToken }: { item: OutlookItem; getToken: () => Promise<string> }) {
  const styles = useStyles();
  const fetcher = useMemo(() => createFetcher(getToken), [getToken]);
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const [values, setValues] = useState<FormValues>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const load = useCallback(async (known?: EventRef) => {
    setPhase({ name: 'loading' });
    try {
      const ref = known ?? (await item.currentEvent());
      if (ref.kind !== 'id') {
        setPhase({ name: 'needs-save', why: ref.kind });
        return;
      }
      const view = await loadTag(fetcher, ref.restId);
      setValues((typed) => typed ?? formFrom(view));
      setPhase({ name: 'ready', eventId: ref.restId, view });
    } catch (e) {
      setPhase({ name: 'load-failed', failure: describeFailure(e) });
    }
  }, [item, fetcher]);

  useEffect(() => { void load(); }, [load]);

  const saveMeeting = async () => {
    setPhase({ name: 'loading' });
    try {
      await load({ kind: 'id', restId: await item.save() });
    } catch (e) {
      setPhase({ name: 'load-failed', failure: describeFailure(e) });
    }
  };

  /** After the tag is stored: the Outlook category, whose failure is a warning and never a lost save. */
  const markInOutlook = async (saved: TagView): Promise<Outcome> => {
    const index = saved.categories.findIndex((c) => c.id === saved.confirmation?.categoryId);
    const outlookCategory = saved.categories[index]?.outlookCategory ?? null;
    const stored = 'Saved in Glueprint.';
    if (!item.categories) {
      return { intent: 'success', text: stored, note: 'This Outlook cannot set categories from add-ins (it lacks Mailbox 1.8), so the meeting gets no Outlook category. Your tag is saved all the same.' };
    }
    try {
      await item.categories.apply(outlookCategory, categoryColour(index));
      return { intent: 'success', text: outlookCategory ? `${stored} Outlook shows the meeting as “${outlookCategory}”.` : `${stored} Any Glue category was taken off the meeting in Outlook.` };
    } catch (e) {
      return { intent: 'warning', text: `${stored} Outlook did not take the category (${e instanceof Error ? e.message : String(e)}); your tag is kept.` };
    }
  };

  const submit = async () => {
    if (phase.name !== 'ready' || !values || saving) return;
    const problems: FieldErrors = { category: values.category ? undefined : 'Choose a category.', artifactLink: linkError(values.artifactLink) };
    setOutcome(undefined);
    if (problems.category || problems.artifactLink) {
      setErrors(problems);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await saveTag(fetcher, phase.eventId, toInput(values), phase.view.eTag);
      setPhase({ ...phase, view: saved });
      setOutcome(await markInOutlook(saved));
    } catch (e) {
      if (e instanceof ChangedElsewhere) {
        // The pane now knows the stored tag (and its ETag): Save again replaces it knowingly, Reload takes it.
        setPhase({ ...phase, view: e.current });
        setOutcome({ intent: 'warning', text: e.message, reload: true });
        return;
      }
      const failure = describeFailure(e);
      if (failure.fields) setErrors(failure.fields);
      setOutcome({ intent: 'error', text: failure.message, retry: failure.retry, consentUrl: failure.consentUrl });
    } finally {
      setSaving(false);
    }
  };

  if (phase.name === 'loading') return <Spinner label="Loading this meeting…" />;
  if (phase.name === 'needs-save') {
    return (
      <div className={styles.hint}>
        <MessageBar intent="info" layout="multiline"><MessageBarBody role="status">{NEEDS_SAVE[phase.why]}</MessageBarBody></MessageBar>
        <Button appearance="primary" onClick={() => void saveMeeting()}>Save meeting</Button>
      </div>
    );
  }
  if (phase.name === 'load-failed') {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody role="alert">{phase.failure.message}<ConsentLink url={phase.failure.consentUrl} /></MessageBarBody>
        {phase.failure.retry && <MessageBarActions><Button onClick={() => void load()}>Retry</Button></MessageBarActions>}
      </MessageBar>
    );
  }
  const { view } = phase;
  const name = (id: string) => view.categories.find((c) => c.id === id)?.name ?? id;
  return (
    <div className={styles.pane}>
      <header className={styles.header}>
        <Text as="h1" weight="semibold" size={400}>{view.title}</Text>
        <Caption1>{when(view)}</Caption1>
      </header>
      {view.confirmation ? (
        <div className={styles.hint}>
          <Badge appearance="tint" color="success">Tagged</Badge>
          <Text>{name(view.confirmation.categoryId)}, {view.confirmation.impact}</Text>
        </div>
      ) : view.suggestion ? (
        <div className={styles.hint}>
          <Badge appearance="tint" color="informative">Suggestion</Badge>
          <Text>{name(view.suggestion.categoryId)}: {view.suggestion.reason}</Text>
          <Caption1>Check it, change what is wrong, and save to confirm.</Caption1>
        </div>
      ) : (
        <Caption1>No suggestion for this meeting: choose a category.</Caption1>
      )}
      {values && <TagForm categories={view.categories} impacts={view.impacts} values={values} onChange={setValues} errors={errors} saving={saving} onSubmit={() => void submit()} />}
      {outcome && (
        <MessageBar intent={outcome.intent} layout="multiline">
          <MessageBarBody role={outcome.intent === 'error' ? 'alert' : 'status'}>{outcome.text}<ConsentLink url={outcome.consentUrl} /></MessageBarBody>
          {outcome.retry && <MessageBarActions><Button onClick={() => void submit()}>Retry</Button></MessageBarActions>}
          {outcome.reload && (
            <MessageBarActions><Button onClick={() => { setValues(formFrom(view)); setOutcome(undefined); }}>Reload</Button></MessageBarActions>
          )}
        </MessageBar>
      )}
      {outcome?.note && <MessageBar intent="info" layout="multiline"><MessageBarBody role="status">{outcome.note}</MessageBarBody></MessageBar>}
    </div>
  );
}
