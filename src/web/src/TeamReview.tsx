import { useEffect, useState } from 'react';
import {
  Button, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell,
  TableRow, Title2, Title3,
} from '@fluentui/react-components';
import { categoryName, getJson, percent, type Fetcher, type MemberReview, type Profile, type PeriodSummary, type TeamReview as Team, type TeamSignal } from './api';
import { WeeklyChart } from './WeeklyChart';
import { Artifacts, Stats } from './Stats';

function describe(signal: TeamSignal, name: string) {
  const advice = signal.kind === 'CarriesTeam' ? 'Recognise it, and share it out.' : 'Time to recognise it, or to help say no.';
  return `${name}, ${signal.from} to ${signal.to}: ${signal.description}. ${advice}`;
}

function topCategories(period: PeriodSummary) {
  return Object.entries(period.total.minutesByCategory).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id]) => categoryName(id)).join(', ') || '—';
}

export function TeamReview({ fetcher, profile }: { fetcher: Fetcher; profile: Profile }) {
  const [team, setTeam] = useState<Team>();
  const [selected, setSelected] = useState<MemberReview>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (profile.hasDirectReports) getJson<Team>(fetcher, '/api/team/summary?weeks=12').then(setTeam, (e: Error) => setError(e.message));
  }, [fetcher, profile.hasDirectReports]);
  const open = (userId: string) =>
    getJson<MemberReview>(fetcher, `/api/team/members/${encodeURIComponent(userId)}/summary?weeks=12`).then(setSelected, (e: Error) => setError(e.message));

  if (!profile.hasDirectReports) return <p>Team review is for managers: Microsoft Graph lists no direct reports for you.</p>;
  if (error) return <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>;
  if (!team) return <Spinner label="Loading your team…" />;
  const name = (id: string) => team.members.find((m) => m.userId === id)?.displayName ?? id;
  const share = (id: string) => team.shares.find((s) => s.userId === id)?.share ?? 0;
  const sharing = team.members.filter((m) => m.period !== null).length;
  return (
    <>
      <Title2 as="h1">Team review</Title2>
      <p>What each direct report chose to share, {team.from} to {team.to}. Every view is shown to the person viewed.</p>
      <p>{sharing} of {team.members.length} reports share. Shares and signals count only the people who share.</p>
      {team.signals.map((s) => (
        <MessageBar key={`${s.userId}-${s.kind}`} intent="warning" style={{ marginBottom: 8 }}>
          <MessageBarBody><MessageBarTitle>{s.kind === 'CarriesTeam' ? 'Uneven load' : 'Glue-heavy weeks'}</MessageBarTitle>{describe(s, name(s.userId))}</MessageBarBody>
        </MessageBar>
      ))}
      <div style={{ overflowX: 'auto' }}>
        <Table aria-label="Team glue work" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Person</TableHeaderCell><TableHeaderCell>Glue hours</TableHeaderCell><TableHeaderCell>Share of team</TableHeaderCell>
              <TableHeaderCell>Multiplier</TableHeaderCell><TableHeaderCell>Top categories</TableHeaderCell><TableHeaderCell>Details</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {team.members.map((m) => m.period === null ? (
              <TableRow key={m.userId}>
                <TableCell>{m.displayName}</TableCell>
                <TableCell colSpan={5}>Not sharing</TableCell>
              </TableRow>
            ) : (
              <TableRow key={m.userId}>
                <TableCell>{m.displayName}</TableCell>
                <TableCell>{m.period.total.glueHours.toFixed(1)}</TableCell>
                <TableCell>
                  <ProgressBar value={share(m.userId)} max={1} thickness="large" aria-label={`${m.displayName}: ${percent(share(m.userId))} of the team's shared glue hours`} />
                  {percent(share(m.userId))}
                </TableCell>
                <TableCell>{percent(m.period.total.multiplierShare)}</TableCell>
                <TableCell>{topCategories(m.period)}</TableCell>
                <TableCell><Button size="small" onClick={() => void open(m.userId)} aria-label={`Open ${m.displayName}`}>Open</Button></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {selected?.period && (
        <section aria-label={`${selected.displayName}'s glue work`}>
          <Title3 as="h2">{selected.displayName}</Title3>
          <Stats total={selected.period.total} />
          <WeeklyChart period={selected.period} title={`${selected.displayName}: shared glue work, last 12 weeks`} />
          <Title3 as="h3">Artifacts</Title3>
          <Artifacts total={selected.period.total} />
        </section>
      )}
    </>
  );
}
