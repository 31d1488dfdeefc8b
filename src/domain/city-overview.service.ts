import type { CityLinkCheck, CityLinkQuery, CityLinks } from './city-link.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import type { ReceivedQuery } from './signed-link.js';
import type { CityQuality, InstitutionQuality } from './quality/city-overview.js';
import { share } from './quality/figures.js';
import { monthAfter, monthOf, monthPeriod, type MonthName } from './quality/month.js';
import type { Period } from './quality/report.js';

/** The month a city overview shows, with its neighbours to page to (`next` is null for the month under way). */
export interface CityMonth {
  readonly month: MonthName;
  readonly period: Period;
  readonly previous: MonthName;
  readonly next: MonthName | null;
}

/** An institution's counts with the shares its own report shows (0–1, null when nothing was due). */
export type CityRow = InstitutionQuality & {
  readonly firstReplyOnTimeShare: number | null;
  readonly resolvedOnTimeShare: number | null;
};

/**
 * Issue #17, item 8: every institution's quality figures side by side, for a city-level reader who belongs to none.
 * Months are calendar months in the deployment's zone, as each institution's monthly report counts them; the figures
 * are the aggregates the database gives out (CityQuality), never a row of any institution's.
 */
export class CityOverviewService {
  constructor(
    private readonly quality: CityQuality,
    private readonly links: CityLinks,
    private readonly clock: Clock,
    private readonly zone: string,
  ) {}

  verifyLink(query: ReceivedQuery<CityLinkQuery>): CityLinkCheck {
    return this.links.verify(query);
  }

  /**
   * The month asked for (`2027-03`), or the last full month when none is; the month under way shows its figures so
   * far. A month that cannot be read or has not begun is refused (`CITY.MONTH_INVALID`).
   */
  month(asked: string | null | undefined): CityMonth {
    const current = monthOf(this.clock.now(), this.zone);
    const month = asked ? asked : monthAfter(current, -1);
    const period = monthPeriod(month, this.zone);
    if (!period || month > current) throw new DomainError('CITY.MONTH_INVALID', 'No such month to show', { month });
    return { month, period, previous: monthAfter(month, -1), next: month < current ? monthAfter(month, 1) : null };
  }

  /** Every institution's figures for the month, by name as Lithuanian sorts it. */
  async overview(month: CityMonth): Promise<CityRow[]> {
    const rows = await this.quality.institutions(month.period, this.clock.now());
    const byName = new Intl.Collator('lt').compare;
    return rows
      .map((row) => ({
        ...row,
        firstReplyOnTimeShare: share(row.firstRepliesOnTime, row.firstRepliesDue),
        resolvedOnTimeShare: share(row.resolvedOnTime, row.resolvedWithDue),
      }))
      .sort((a, b) => byName(a.name, b.name) || a.institutionId - b.institutionId);
  }
}
