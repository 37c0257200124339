import { useCallback, useEffect, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Spinner, Title3 } from '@fluentui/react-components';
import { getJson, type Fetcher } from './api';

interface QuarterWeek { week: string; records: number; toConfirm: number; confirmed: number }
interface QuarterCategory { categoryId: string; name: string; toConfirm: number; minutes: number }
interface QuarterReview { from: string; to: string; weeks: QuarterWeek[]; categories: QuarterCategory[]; toConfirm: number }

/**
 * "Review your last quarter": the 12 weeks before this one, read from the calendar at install as suggestions. One
 * action confirms a whole week, or a whole category, as suggested; what is left stays a suggestion.
 */
export function ReviewQuarter({ fetcher, onChanged }: { fetcher: Fetcher; onChanged: () => void }) {
  const [review, setReview] = useState<QuarterReview>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    getJson<QuarterReview>(fetcher, '/api/me/quarter').then(setReview, (e: Error) => setError(e.message));
  }, [fetcher]);
  useEffect(load, [load]);

  const confirm = async (selection: { week: string } | { category: string }, what: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetcher('/api/me/quarter/confirm', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(selection),
      });
      const result = (await response.json()) as { confirmed: number; skipped: number; detail?: string };
      if (response.status === 409) {
        setError(result.detail ?? 'Nothing was saved.');
        return;
      }
      setNotice(`Confirmed ${result.confirmed} of ${what} as suggested`
        + (result.skipped > 0 ? `; ${result.skipped} changed meanwhile and were left as they are.` : '.'));
      load();
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!review) return error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : <Spinner label="Loading your last quarter…" />;
  const weeks = review.weeks.filter((w) => w.records > 0);
  return (
    <section aria-label="Review your last quarter">
      <Title3 as="h2">Review your last quarter</Title3>
      {notice && <MessageBar intent="success"><MessageBarBody>{notice}</MessageBarBody></MessageBar>}
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {weeks.length === 0 ? <p>Your calendar from {review.from} to {review.to} is still being read, or held no meetings.</p>
        : review.toConfirm === 0 ? <p>Every suggestion from {review.from} to {review.to} is confirmed.</p>
        : <p>{review.toConfirm} suggestions from {review.from} to {review.to} wait for you. Confirm a whole category or week as suggested, or edit single records below.</p>}
      {review.categories.length > 0 && (
        <ul aria-label="By category" style={{ listStyle: 'none', padding: 0, display: 'flex', flexDirection: 'column', gap: 6 }}>
          {review.categories.map((c) => (
            <li key={c.categoryId} style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
              <span style={{ minWidth: 220 }}>{c.name}: {c.toConfirm} ({(c.minutes / 60).toFixed(1)} h)</span>
              <Button size="small" disabled={busy} onClick={() => void confirm({ category: c.categoryId }, `${c.toConfirm} ${c.name}`)}>
                Confirm {c.toConfirm} as {c.name}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {weeks.some((w) => w.toConfirm > 0) && (
        <ul aria-label="By week" style={{ listStyle: 'none', padding: 0, display: 'flex', flexDirection: 'column', gap: 6 }}>
          {weeks.map((w) => (
            <li key={w.week} style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
              <span style={{ minWidth: 220 }}>{w.week}: {w.toConfirm} to confirm, {w.confirmed} confirmed</span>
              {w.toConfirm > 0 && (
                <Button size="small" disabled={busy} onClick={() => void confirm({ week: w.week }, `week ${w.week}`)}>Confirm week {w.week}</Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
