/** The API's shapes (see /openapi/v1.json) and a fetch that adds the bearer token. */
import palette from '../../GlueTeams.Core/Categories/categories.json';

export interface Artifact { link: string; title: string | null; categoryId: string; outcomeNote: string | null; start: string }
/** Delegated minutes and share are the engineer's own: absent when zero, and always absent on team routes. */
export interface GlueSummary {
  meetingMinutes: number; glueMinutes: number; minutesByCategory: Record<string, number>;
  multiplierMinutes: number; delegatedMinutes?: number; confirmedCount: number; unconfirmedCount: number;
  artifacts: Artifact[]; shareOfMeetingTime: number; multiplierShare: number; delegatedShare?: number; glueHours: number;
}
/** GET /api/me/impact: people reached and their teams, sessions per theme, the weeks that have records. */
export interface Impact {
  from: string; to: string; weeksWithRecords: number; firstDay: string | null; lastDay: string | null; people: number; teams: number;
  categories: { categoryId: string; sessions: number; weeks: number; people: number; teams: number; summary: string }[];
}
/** A private nudge for the engineer; its key dismisses it for good. */
export interface Nudge { key: string; kind: 'Repetition' | 'Delegated'; text: string }
/** A manager's acknowledgement: what of the engineer's shared work, their words, and whether the engineer quotes it. */
export interface Acknowledgement { id: string; managerName: string; about: string; note: string; at: string; quoted: boolean }
/** GET /api/me/ladder: the levels the packet can group evidence for. */
export interface Ladder { name: string; defaultLevel: string; levels: { id: string; name: string }[] }
/** A record a report shared, as their manager may pick it to acknowledge (no title, no people, nothing delegated). */
export interface SharedRecord {
  id: string; week: string; start: string; minutes: number; categoryId: string; impact: string;
  artifactTitle: string | null; artifactLink: string | null; outcome: string | null;
}
export interface PeriodSummary { from: string; to: string; weeks: { week: string; summary: GlueSummary }[]; total: GlueSummary }
export interface Confirmation {
  categoryId: string; impact: string; artifactLink: string | null; artifactTitle: string | null; note: string | null;
  delegated: boolean; sharedWithManager: boolean; confirmedAt: string;
}
export interface RecordView {
  id: string; eTag: string; week: string; start: string; end: string; minutes: number; title: string; status: string;
  suggestion: { categoryId: string; reason: string } | null; confirmation: Confirmation | null;
}
/** currentWeek is "this week" in the user's own time zone: every default period ends with it. */
/** teamsUnreachable: Teams refused the bot's messages (blocked, or the chat is gone), so no weekly card arrives until the app is reinstalled. */
export interface Profile {
  userId: string; displayName: string; hasDirectReports: boolean; sharingDefault: boolean | null; currentWeek: string; timeZone: string;
  teamsUnreachable: boolean;
}
/** One line of "Who viewed my data": a viewer's name (never an id), what they viewed, how often on one day. */
export interface ViewedDay { date: string; viewer: string; what: string; times: number; last: string; text: string }
/** A report as their manager may see them: a period only when they share; otherwise nothing but the name and the status. */
export interface MemberReview { userId: string; displayName: string; sharing: 'sharing' | 'not-sharing' | 'not-installed'; period: PeriodSummary | null }
export interface CategoryMix { glueMinutes: number; multiplierMinutes: number; minutesByCategory: Record<string, number>; multiplierShare: number }
export interface TeamSignal { userId: string; kind: 'CarriesTeam' | 'GlueHeavyWeeks'; from: string; to: string; description: string }
/** GET /api/me/sharing: what the header says. */
export interface SharingState { sharingDefault: boolean | null; confirmed: number; shared: number }
/** POST /api/me/records/sharing: what a share or hide did. */
export interface SharingResult { selected: number; confirmed: number; changed: number; sharedNow: number }
export interface TeamReview {
  from: string; to: string; members: MemberReview[];
  shares: { userId: string; glueHours: number; share: number }[]; signals: TeamSignal[];
  /** The team's category mix week by week, over the people who share only. */
  mix: { weeks: { week: string; mix: CategoryMix }[]; total: CategoryMix };
}
export interface Problem {
  type?: string; title?: string; detail?: string; status: number; errors?: Record<string, string[]>;
  /** With ADMIN_CONSENT_PROBLEM: Entra's admin consent page for this organisation. */
  adminConsentUrl?: string;
}

/** The problem type the API answers when the organisation has not granted Glueprint's Graph permissions yet. */
export const ADMIN_CONSENT_PROBLEM = 'urn:glueprint:problem:admin-consent-required';

/** The admin consent link when an error is the API saying that admin consent is missing; else undefined. */
export function adminConsentUrl(error: unknown): string | undefined {
  return error instanceof ApiError && error.problem.type === ADMIN_CONSENT_PROBLEM ? error.problem.adminConsentUrl : undefined;
}

export class ApiError extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `The service answered ${problem.status}.`);
  }
}

export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

export function createFetcher(getToken: () => Promise<string>): Fetcher {
  return async (path, init) => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${await getToken()}`);
    const response = await fetch(path, { ...init, headers });
    // 409 and 412 carry the record as stored now, for the caller to show.
    if (!response.ok && response.status !== 409 && response.status !== 412) {
      const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
      throw new ApiError({ status: response.status, ...problem });
    }
    return response;
  };
}

export async function getJson<T>(fetcher: Fetcher, path: string): Promise<T> {
  return (await (await fetcher(path)).json()) as T;
}

/**
 * The category ids and names of the product's taxonomy, in display order, from the one palette file that the server's
 * packet chart and weekly card read too (src/GlueTeams.Core/Categories/categories.json).
 */
export const categories: [string, string][] = palette.map((c) => [c.id, c.name]);
export const categoryName = (id: string) => categories.find(([c]) => c === id)?.[1] ?? id;
/** The category's one colour, the same in both tabs, the packet chart and (as the nearest marker) the weekly card. */
export const categoryColor = (id: string) => palette.find((c) => c.id === id)?.color ?? '#a19f9d';

/** Sends JSON with a method; the fetcher throws an ApiError with the problem for a refusal. */
export async function sendJson(fetcher: Fetcher, path: string, method: string, body: unknown): Promise<Response> {
  return fetcher(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** "Mon 2 Nov 2026" for a yyyy-mm-dd day. */
export function dayText(day: string): string {
  return new Date(Date.parse(day)).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** GETs a file from the API and hands it to the browser as a download. */
export async function download(fetcher: Fetcher, path: string, fileName: string) {
  const response = await fetcher(path);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** ISO-8601 weeks, as the API names them ("2026-W07"), of a date taken by its UTC calendar day. */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const day = 86400000;

/** The ISO week of a calendar day typed as yyyy-mm-dd (what <input type="date"> gives); null when it is no real day. */
export function weekOfDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number(m[1]) < 1000 || date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1) return null;
  return isoWeek(date);
}

/** The Monday of an ISO week, as yyyy-mm-dd. */
export function mondayOf(week: string): string {
  const [year, number] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(year, 0, 4)); // 4 January is always in week 1
  const monday = new Date(jan4.getTime() + ((number - 1) * 7 - ((jan4.getUTCDay() || 7) - 1)) * day);
  return monday.toISOString().slice(0, 10);
}

export function addWeeks(week: string, weeks: number): string {
  return isoWeek(new Date(Date.parse(mondayOf(week)) + weeks * 7 * day));
}

/** "Mon 30 Nov – Sun 6 Dec" for an ISO week. */
export function weekDays(week: string): string {
  const monday = new Date(Date.parse(mondayOf(week)));
  const format = (d: Date) => d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${format(monday)} – ${format(new Date(monday.getTime() + 6 * day))}`;
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;
export const hours = (minutes: number) => `${(minutes / 60).toFixed(1)} h`;
