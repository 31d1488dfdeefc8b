import type { InstitutionId } from '../institution.js';
import type { QualityAggregate } from './figures.js';
import type { Period } from './report.js';

/**
 * Issue #17, item 8: below this many answered ratings in a month an institution's average rating is withheld, so one
 * or two families' scores cannot be read off it. The database withholds it (migration 1763900000024); the pages only
 * say so.
 */
export const RATINGS_SHOWN_FROM = 5;

/** The counts of an institution's own report (figures.ts says what each one counts) that the city sees. */
type CityCounts = Pick<
  QualityAggregate,
  | 'received'
  | 'resolved'
  | 'open'
  | 'firstRepliesDue'
  | 'firstRepliesOnTime'
  | 'firstReplyMedianOfficeMinutes'
  | 'resolvedWithDue'
  | 'resolvedOnTime'
  | 'overdue'
  | 'escalatedConflicts'
  | 'incidents'
  | 'ratingsRequested'
>;

/**
 * One institution's quality counts for a period, as its own report's whole-institution total counts them
 * (R60.internal, R60.external). Aggregates only: no person, contact or inquiry is part of it.
 */
export interface InstitutionQuality extends CityCounts {
  readonly institutionId: InstitutionId;
  /** Its web address part (`/<slug>/`). */
  readonly slug: string;
  /** The name its admins set, else the one it was added with. */
  readonly name: string;
  /** Answered rating requests of the period (the report's `answered`). */
  readonly ratingsAnswered: number;
  /** Null without answers and below `RATINGS_SHOWN_FROM` of them. */
  readonly ratingAverage: number | null;
}

/** The port the city overview reads through: every institution's counts at once, from aggregates only. */
export interface CityQuality {
  /**
   * One row per institution the deployment serves (those with nothing to count too), for `period`; `now` decides
   * which first replies are due yet, as in an institution's own report.
   */
  institutions(period: Period, now: Date): Promise<InstitutionQuality[]>;
}
