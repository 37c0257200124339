import { useCallback, useEffect, useState } from 'react';
import {
  Button, Card, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, ProgressBar, Select, Spinner, Text, Title2, Title3,
} from '@fluentui/react-components';
import {
  addWeeks, categoryName, download, getJson, percent, type Fetcher, type MemberReview, type PeriodSummary, type Profile, type TeamReview as Team,
  type TeamSignal,
} from './api';
import { Sparkline, WeeklyChart, weeksOf } from './WeeklyChart';
import { Artifacts, Stats } from './Stats';
import { DateRangePicker } from './Pickers';
import { ButtonRow, ErrorState, useListStyles } from './Layout';
import { AcknowledgeForm } from './Evidence';

/** A period as the API takes it: the last N weeks, or from..to ISO weeks. */
type Period = { weeks: number } | { from: string; to: string };
const query = (p: Period) => ('weeks' in p ? `weeks=${p.weeks}` : `from=${p.from}&to=${p.to}`);
const choices = [4, 12, 26, 52];

function advice(signal: TeamSignal) {
  return signal.kind === 'CarriesTeam' ? 'Recognise it, and share it out.' : 'Time to recognise it, or to help say no.';
}

function topCategories(period: PeriodSummary) {
  return Object.entries(period.total.minutesByCategory).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id]) => categoryName(id)).join(', ') || '—';
}

const statusText: Record<MemberReview['sharing'], string> = {
  sharing: 'Sharing',
  'not-sharing': 'Not sharing',
  'not-installed': 'Not installed',
};

export function TeamReview({ fetcher, profile }: { fetcher: Fetcher; profile: Profile }) {
  const styles = useListStyles();
  const [period, setPeriod] = useState<Period>({ weeks: 12 });
  const [datesChosen, setDatesChosen] = useState(false);
  const [team, setTeam] = useState<Team>();
  const [selected, setSelected] = useState<MemberReview>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    setError(undefined);
    setTeam(undefined);
    if (profile.hasDirectReports) getJson<Team>(fetcher, `/api/team/summary?${query(period)}`).then(setTeam, (e: Error) => setError(e.message));
  }, [fetcher, profile.hasDirectReports, period]);
  useEffect(load, [load]);

  /** Opens a person's drill-down on the period shown, or on exactly the weeks behind a signal. */
  const open = (userId: string, weeks: Period = period) =>
    getJson<MemberReview>(fetcher, `/api/team/members/${encodeURIComponent(userId)}/summary?${query(weeks)}`).then((m) => {
      setSelected(m);
      requestAnimationFrame(() => document.getElementById('drill-down')?.scrollIntoView());
    }, (e: Error) => setError(e.message));

  if (!profile.hasDirectReports) return <p>Team review is for managers: Microsoft Graph lists no direct reports for you. If that is wrong, ask your IT admin to set your reports' manager in Microsoft Entra ID.</p>;
  const fallback = { from: addWeeks(profile.currentWeek, -11), to: profile.currentWeek };
  const name = (id: string) => team?.members.find((m) => m.userId === id)?.displayName ?? 'A report';
  const share = (id: string) => team?.shares.find((s) => s.userId === id)?.share ?? 0;
  const sharing = team?.members.filter((m) => m.period !== null).length ?? 0;
  return (
    <>
      <Title2 as="h1">Team review</Title2>
      <p>What each direct report chose to share. Every view is shown to the person viewed.</p>
      <ButtonRow>
        <Field label="Period">
          <Select value={datesChosen ? 'dates' : String('weeks' in period ? period.weeks : 12)} onChange={(_, d) => {
            if (d.value === 'dates') { setDatesChosen(true); setPeriod(fallback); return; }
            setDatesChosen(false);
            setPeriod({ weeks: Number(d.value) });
          }}>
            {choices.map((w) => <option key={w} value={w}>Last {w} weeks</option>)}
            <option value="dates">Choose dates…</option>
          </Select>
        </Field>
        {team && <Button onClick={() => void download(fetcher, `/api/team/export?${query(period)}`, `team-glue-work-${team.from}-${team.to}.csv`).catch((e: Error) => setError(e.message))}>
          Download CSV (what you see)
        </Button>}
      </ButtonRow>
      {datesChosen && <DateRangePicker fallback={fallback} onChange={(range) => range && setPeriod(range)} />}
      {error && <ErrorState message={`Team review could not be loaded: ${error}`} onRetry={load} />}
      {!team && !error && <Spinner label="Loading your team…" />}
      {team && (
        <>
          <p>{team.from} to {team.to}. {sharing} of {team.members.length} reports share. Shares, signals and the mix count only the people who share.</p>
          {sharing === 0 && (
            <MessageBar intent="info">
              <MessageBarBody>None of your reports shares anything in this period. Sharing is each person's own choice in GlueTeams; a longer period may show more.</MessageBarBody>
              {!('weeks' in period && period.weeks === 52) && <MessageBarActions><Button onClick={() => { setDatesChosen(false); setPeriod({ weeks: 52 }); }}>Last 52 weeks</Button></MessageBarActions>}
            </MessageBar>
          )}
          {team.signals.map((s) => (
            <MessageBar key={`${s.userId}-${s.kind}`} intent="warning" layout="multiline" style={{ marginBottom: 8 }}>
              <MessageBarBody>
                <MessageBarTitle>{s.kind === 'CarriesTeam' ? 'Uneven load' : 'Glue-heavy weeks'}</MessageBarTitle>
                {name(s.userId)}, {s.from} to {s.to}: {s.description}. {advice(s)}
              </MessageBarBody>
              <MessageBarActions>
                <Button onClick={() => void open(s.userId, { from: s.from, to: s.to })} aria-label={`Show these weeks: ${name(s.userId)}, ${s.from} to ${s.to}`}>Show these weeks</Button>
              </MessageBarActions>
            </MessageBar>
          ))}
          {sharing > 0 && (
            <section aria-label="The team's category mix">
              <Title3 as="h2">The team's glue work</Title3>
              <p>{(team.mix.total.glueMinutes / 60).toFixed(1)} hours, {percent(team.mix.total.multiplierShare)} of them multiplier work.</p>
              <WeeklyChart weeks={team.mix.weeks.map((w) => ({ week: w.week, minutesByCategory: w.mix.minutesByCategory }))}
                title={`The team's category mix, ${team.from} to ${team.to} (people who share)`} />
            </section>
          )}
          <Title3 as="h2">People</Title3>
          <ul className={styles.list} aria-label="Team glue work">
            {team.members.map((m) => (
              <li key={m.userId}>
                <Card className={styles.card} size="small" aria-label={m.displayName}>
                  <Text className={styles.title} data-person-name>{m.displayName}</Text>
                  <Text>{statusText[m.sharing]}</Text>
                  {m.period && (
                    <>
                      <Text>{m.period.total.glueHours.toFixed(1)} glue hours · {percent(m.period.total.multiplierShare)} multiplier</Text>
                      <ProgressBar value={share(m.userId)} max={1} thickness="large" aria-label={`${m.displayName}: ${percent(share(m.userId))} of the team's shared glue hours`} />
                      <Text>{percent(share(m.userId))} of the team's glue hours</Text>
                      <Sparkline period={m.period} label={`${m.displayName}'s trend`} />
                      <Text className={styles.line}>Top: {topCategories(m.period)}</Text>
                      <ButtonRow><Button size="small" onClick={() => void open(m.userId)} aria-label={`Open ${m.displayName}`}>Open</Button></ButtonRow>
                    </>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        </>
      )}
      {selected && (
        <section id="drill-down" aria-label={`${selected.displayName}'s glue work`}>
          <Title3 as="h2">{selected.displayName}</Title3>
          {!selected.period ? <p>{statusText[selected.sharing]}: nothing to show.</p> : (
            <>
              <p>{selected.period.from} to {selected.period.to}</p>
              <Stats total={selected.period.total} />
              <WeeklyChart weeks={weeksOf(selected.period)} title={`${selected.displayName}: shared glue work, ${selected.period.from} to ${selected.period.to}`} />
              <Title3 as="h3">Artifacts</Title3>
              <Artifacts total={selected.period.total} />
              <AcknowledgeForm key={`${selected.userId}-${selected.period.from}-${selected.period.to}`} fetcher={fetcher} userId={selected.userId}
                name={selected.displayName} from={selected.period.from} to={selected.period.to} />
            </>
          )}
        </section>
      )}
    </>
  );
}
