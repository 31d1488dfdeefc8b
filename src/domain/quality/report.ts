/**
 * R60.internal / R60.external: what quality monitoring reports, in the procedure's own terms. The shapes the
 * domain computes (src/domain/quality) and every front end shows (chat reports, App Home, the weekly digest, CSV).
 * No client's name or contact is ever part of a report.
 */

/** The periods a person asks for by name; any other range is a `Period` given directly. */
export const PERIOD_NAMES = ['week', 'month', 'quarter'] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];

/** Half-open: `from` ≤ t < `to`, instants (the institution's calendar decides where a week starts). */
export interface Period {
  readonly from: Date;
  readonly to: Date;
}

/** Whose figures: the whole institution, one representative, or the people a manager manages directly. */
export type ReportScope =
  | { readonly kind: 'institution' }
  | { readonly kind: 'representative'; readonly staffId: string }
  | { readonly kind: 'team'; readonly managerId: string };

/** Client ratings (R60.external): a 1–5 score per answered request. */
export interface RatingFigures {
  readonly requested: number;
  readonly answered: number;
  /** answered / requested; null when nothing was requested. */
  readonly responseRate: number | null;
  readonly average: number | null;
  /** How many scores of 1, 2, 3, 4 and 5 (index 0 = score 1). */
  readonly distribution: readonly [number, number, number, number, number];
  /** 0–100, comparable between institutions: (average − 1) / 4 × 100, rounded to a whole number. */
  readonly satisfactionIndex: number | null;
}

/** One period's figures for one scope (R60.internal). Shares are 0–1, null when there is nothing to divide. */
export interface QualityFigures {
  readonly received: number;
  readonly resolved: number;
  /** Open at the end of the period. */
  readonly open: number;
  /** R14.reply-1wd: first replies sent by their working-day deadline / first replies due in the period. */
  readonly firstReplyOnTimeShare: number | null;
  /** Time to first reply counted in office hours only (minutes). */
  readonly firstReplyMedianOfficeMinutes: number | null;
  readonly firstReplyP90OfficeMinutes: number | null;
  /** R14.holding-reply, R59.statutory: resolved by the promised or statutory date / resolved. */
  readonly resolvedOnTimeShare: number | null;
  readonly overdue: number;
  readonly escalatedConflicts: number;
  readonly incidents: number;
  /** R31.callback: missed calls whose retry failed too. */
  readonly missedCallbacks: number;
  /** R48.meeting-summary-2wd: summaries sent within two working days / summaries due. */
  readonly summariesOnTimeShare: number | null;
  readonly reopened: number;
  readonly ratings: RatingFigures;
}

/** A figure now and in the previous equal period (up / down beside each figure). */
export interface Compared {
  readonly current: QualityFigures;
  readonly previous: QualityFigures;
}

/** One point of a trend line: the figures that move week to week, per bucket (days of a week, weeks of a quarter). */
export interface TrendPoint {
  readonly from: Date;
  readonly received: number;
  readonly resolved: number;
  readonly firstReplyOnTimeShare: number | null;
}

export interface QualityReport {
  readonly period: Period;
  readonly previousPeriod: Period;
  readonly scope: ReportScope;
  readonly total: Compared;
  /** Per representative (staff id); a representative's own report has only themselves here. */
  readonly byRepresentative: ReadonlyArray<{ readonly staffId: string } & Compared>;
  readonly byChannel: ReadonlyArray<{ readonly channel: string } & Compared>;
  readonly byKind: ReadonlyArray<{ readonly kind: string } & Compared>;
  readonly trend: readonly TrendPoint[];
}

/** One CSV row: every input a metric is computed from, for one inquiry — no client name or contact. */
export interface QualityRow {
  readonly registryNumber: string;
  readonly channel: string;
  readonly kind: string;
  readonly ownerId: string | null;
  readonly receivedAt: Date;
  readonly firstReplyDue: Date | null;
  readonly firstReplyAt: Date | null;
  readonly firstReplyOfficeMinutes: number | null;
  readonly resolutionDue: Date | null;
  readonly resolvedAt: Date | null;
  readonly overdue: boolean;
  readonly escalatedConflicts: number;
  readonly incidents: number;
  readonly missedCallbacks: number;
  readonly summariesDue: number;
  readonly summariesOnTime: number;
  readonly reopened: number;
  readonly ratingScore: number | null;
}

/** The port front ends ask (PlatformContext.quality); computed by SQL aggregation, never by loading rows into Node. */
export interface QualityMonitor {
  /**
   * The calendar week (Monday–Sunday), month or quarter in the institution's time zone: `current` contains `now`
   * (figures so far), `last` is the complete one before it (the weekly digest). The comparison period is the
   * equal period right before `from`.
   */
  periodOf(name: PeriodName, now: Date, which: 'current' | 'last'): Period;
  report(period: Period, scope: ReportScope): Promise<QualityReport>;
  rows(period: Period, scope: ReportScope): AsyncIterable<QualityRow>;
}
