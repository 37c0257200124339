import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { addWeeks, mondayOf, weekDays, weekOfDate } from './api';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', margin: `${tokens.spacingVerticalS} 0` },
  date: { minWidth: 0, maxWidth: '100%' },
});

/**
 * Picks a week by any of its days (a native date picker), shown as its ISO week and its days. An empty or impossible
 * day says so and offers this week; nothing is asked of the API until the day is real.
 */
export function WeekPicker({ week, currentWeek, onChange }: { week: string | null; currentWeek: string; onChange: (week: string | null) => void }) {
  const styles = useStyles();
  const [value, setValue] = useState(week ? mondayOf(week) : '');
  const set = (next: string) => {
    setValue(next);
    onChange(weekOfDate(next));
  };
  const go = (target: string) => set(mondayOf(target));
  const picked = weekOfDate(value);
  return (
    <>
      <div className={styles.row}>
        <Field label="Week of" hint={picked ? `${picked}: ${weekDays(picked)}` : undefined} className={styles.date}>
          <Input type="date" value={value} onChange={(_, d) => set(d.value)} className={styles.date} />
        </Field>
        {picked && <Button onClick={() => go(addWeeks(picked, -1))}>Previous week</Button>}
        {picked && <Button onClick={() => go(addWeeks(picked, 1))}>Next week</Button>}
        {picked !== currentWeek && <Button onClick={() => go(currentWeek)}>This week</Button>}
      </div>
      {!picked && (
        <MessageBar intent="warning">
          <MessageBarBody>{value ? `"${value}" is not a day we can show.` : 'No day is picked.'} Pick a day: its week, Monday to Sunday, is shown.</MessageBarBody>
          <MessageBarActions><Button onClick={() => go(currentWeek)}>Show this week</Button></MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}

/** From and to as days, mapped to their ISO weeks; the two must be real days in order, or it says what to do. */
export function DateRangePicker({ onChange, fallback }: { onChange: (range: { from: string; to: string } | null) => void; fallback: { from: string; to: string } }) {
  const styles = useStyles();
  const [from, setFrom] = useState(mondayOf(fallback.from));
  const [to, setTo] = useState(mondayOf(fallback.to));
  const update = (nextFrom: string, nextTo: string) => {
    setFrom(nextFrom);
    setTo(nextTo);
    const [f, t] = [weekOfDate(nextFrom), weekOfDate(nextTo)];
    onChange(f && t && f <= t ? { from: f, to: t } : null);
  };
  const [f, t] = [weekOfDate(from), weekOfDate(to)];
  const problem = !f ? 'Pick the first day of the period.' : !t ? 'Pick the last day of the period.' : f > t ? 'The first day is after the last.' : null;
  return (
    <>
      <div className={styles.row}>
        <Field label="From" hint={f ? `week ${f}` : undefined} className={styles.date}>
          <Input type="date" value={from} onChange={(_, d) => update(d.value, to)} className={styles.date} />
        </Field>
        <Field label="To" hint={t ? `week ${t}` : undefined} className={styles.date}>
          <Input type="date" value={to} onChange={(_, d) => update(from, d.value)} className={styles.date} />
        </Field>
      </div>
      {problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{problem}</MessageBarBody>
          <MessageBarActions>
            {f && t && f > t && <Button onClick={() => update(to, from)}>Swap them</Button>}
            <Button onClick={() => update(mondayOf(fallback.from), mondayOf(fallback.to))}>Last 12 weeks</Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}
