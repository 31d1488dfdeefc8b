import type { Compared, QualityFigures, RatingFigures } from './report.js';

/**
 * R60.internal / R60.external: the counts the database aggregates for one period and one group (the whole scope, a
 * representative, a channel or a kind), before they become figures. Every share and index is derived here, purely,
 * so the arithmetic is table-tested apart from SQL. What each count counts is in docs/quality.md.
 */
export interface QualityAggregate {
  /** Received in the period. */
  readonly received: number;
  /** Resolved in the period (its latest resolution). */
  readonly resolved: number;
  /** Received before the period's end and not resolved by then. */
  readonly open: number;
  /** R14.reply-1wd: first replies due in the period whose outcome is known (sent, or the deadline passed). */
  readonly firstRepliesDue: number;
  /** …of which sent at or before the deadline. */
  readonly firstRepliesOnTime: number;
  /** Of first replies sent in the period, in office minutes after receipt (PostgreSQL `percentile_cont`). */
  readonly firstReplyMedianOfficeMinutes: number | null;
  readonly firstReplyP90OfficeMinutes: number | null;
  /** R14.holding-reply, R59.statutory: resolved in the period with a promised or statutory date… */
  readonly resolvedWithDue: number;
  /** …of which by that date. */
  readonly resolvedOnTime: number;
  /** Inquiries whose first reply or resolution was flagged overdue, the missed deadline falling in the period. */
  readonly overdue: number;
  readonly escalatedConflicts: number;
  readonly incidents: number;
  /** R31.callback: retries that failed too. */
  readonly missedCallbacks: number;
  /** R48.meeting-summary-2wd: summaries due in the period whose outcome is known… */
  readonly summariesDue: number;
  /** …of which sent by the due time. */
  readonly summariesOnTime: number;
  readonly reopened: number;
  /** R60.external: rating requests made in the period, not voided. */
  readonly ratingsRequested: number;
  /** Answered requests by score: index 0 = score 1 … index 4 = score 5. */
  readonly scores: readonly [number, number, number, number, number];
}

export const EMPTY_AGGREGATE: QualityAggregate = {
  received: 0,
  resolved: 0,
  open: 0,
  firstRepliesDue: 0,
  firstRepliesOnTime: 0,
  firstReplyMedianOfficeMinutes: null,
  firstReplyP90OfficeMinutes: null,
  resolvedWithDue: 0,
  resolvedOnTime: 0,
  overdue: 0,
  escalatedConflicts: 0,
  incidents: 0,
  missedCallbacks: 0,
  summariesDue: 0,
  summariesOnTime: 0,
  reopened: 0,
  ratingsRequested: 0,
  scores: [0, 0, 0, 0, 0],
};

/** `part / whole`, or null when there is nothing to divide (no "0 %" for a period with nothing due). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * R60.external: the satisfaction index, 0–100, comparable between institutions and scales:
 *   index = (average − 1) / 4 × 100, rounded to a whole number
 * so an average of 1 (every client gave 1) is 0, 3 is 50, 5 is 100. Null without any answer.
 */
export function satisfactionIndex(average: number | null): number | null {
  if (average === null) return null;
  if (!(average >= 1 && average <= 5)) throw new RangeError(`An average score lies between 1 and 5, got ${average}`);
  return Math.round(((average - 1) / 4) * 100);
}

/** Ratings from the requests made and the answers' score distribution. */
export function ratingFigures(requested: number, scores: QualityAggregate['scores']): RatingFigures {
  const answered = scores.reduce((sum, count) => sum + count, 0);
  const average = answered > 0 ? scores.reduce((sum, count, index) => sum + count * (index + 1), 0) / answered : null;
  return {
    requested,
    answered,
    // A staff-recorded answer has no request before it, so it is both requested and answered: never above 1.
    responseRate: share(answered, requested),
    average,
    distribution: [...scores],
    satisfactionIndex: satisfactionIndex(average),
  };
}

export function figuresOf(aggregate: QualityAggregate): QualityFigures {
  return {
    received: aggregate.received,
    resolved: aggregate.resolved,
    open: aggregate.open,
    firstReplyOnTimeShare: share(aggregate.firstRepliesOnTime, aggregate.firstRepliesDue),
    firstReplyMedianOfficeMinutes: aggregate.firstReplyMedianOfficeMinutes,
    firstReplyP90OfficeMinutes: aggregate.firstReplyP90OfficeMinutes,
    resolvedOnTimeShare: share(aggregate.resolvedOnTime, aggregate.resolvedWithDue),
    overdue: aggregate.overdue,
    escalatedConflicts: aggregate.escalatedConflicts,
    incidents: aggregate.incidents,
    missedCallbacks: aggregate.missedCallbacks,
    summariesOnTimeShare: share(aggregate.summariesOnTime, aggregate.summariesDue),
    reopened: aggregate.reopened,
    ratings: ratingFigures(aggregate.ratingsRequested, aggregate.scores),
  };
}

/** A group's figures now and in the previous equal period; a group absent from one period has zeros there. */
export function compared(current: QualityAggregate | undefined, previous: QualityAggregate | undefined): Compared {
  return { current: figuresOf(current ?? EMPTY_AGGREGATE), previous: figuresOf(previous ?? EMPTY_AGGREGATE) };
}

/** Adds what another source aggregated (facts, marks, ratings each give some of the counts) to an aggregate. */
export function withCounts(base: QualityAggregate | undefined, counts: Partial<QualityAggregate>): QualityAggregate {
  return { ...(base ?? EMPTY_AGGREGATE), ...counts };
}
