/** The API's shapes (see /openapi/v1.json) and a fetch that adds the bearer token. */
export interface Artifact { link: string; title: string | null; categoryId: string; outcomeNote: string | null; start: string }
export interface GlueSummary {
  meetingMinutes: number; glueMinutes: number; minutesByCategory: Record<string, number>;
  multiplierMinutes: number; delegatedMinutes: number; confirmedCount: number; unconfirmedCount: number;
  artifacts: Artifact[]; shareOfMeetingTime: number; multiplierShare: number; delegatedShare: number; glueHours: number;
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
export interface Profile { userId: string; displayName: string; hasDirectReports: boolean; sharingDefault: boolean | null }
export interface AuditEntry { actorId: string; actorName: string; action: string; detail: string; at: string }
/** A report as their manager may see them: a period only when they share; otherwise nothing but the name. */
export interface MemberReview { userId: string; displayName: string; sharing: 'sharing' | 'not-sharing'; period: PeriodSummary | null }
export interface TeamSignal { userId: string; kind: 'CarriesTeam' | 'GlueHeavyWeeks'; from: string; to: string; description: string }
/** GET /api/me/sharing: what the header says. */
export interface SharingState { sharingDefault: boolean | null; confirmed: number; shared: number }
/** POST /api/me/records/sharing: what a share or hide did. */
export interface SharingResult { selected: number; confirmed: number; changed: number; sharedNow: number }
export interface TeamReview {
  from: string; to: string; members: MemberReview[];
  shares: { userId: string; glueHours: number; share: number }[]; signals: TeamSignal[];
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

/** The category ids and names of the product's taxonomy, in display order. */
export const categories: [string, string][] = [
  ['mentoring', 'Mentoring & coaching'], ['onboarding', 'Onboarding'], ['knowledge-sharing', 'Knowledge sharing'],
  ['design-review', 'Architecture & design review'], ['code-review', 'Code review & pairing'],
  ['coordination', 'Cross-team coordination'], ['process', 'Process & practices'], ['incident', 'Incident follow-up'],
  ['hiring', 'Hiring & interviewing'], ['community', 'Community & culture'], ['not-glue', 'Not glue work'],
];
export const categoryName = (id: string) => categories.find(([c]) => c === id)?.[1] ?? id;

/** ISO-8601 weeks, as the API names them ("2026-W07"). */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function weeksBefore(date: Date, weeks: number): string {
  return isoWeek(new Date(date.getTime() - weeks * 7 * 86400000));
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;
export const hours = (minutes: number) => `${(minutes / 60).toFixed(1)} h`;
