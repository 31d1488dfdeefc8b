import type { DataSource } from 'typeorm';
import type { CityQuality, InstitutionQuality } from '../../domain/quality/city-overview.js';
import type { Period } from '../../domain/quality/report.js';

interface CityRecord {
  institution_id: number;
  slug: string;
  name: string;
  received: number;
  resolved: number;
  open: number;
  first_replies_due: number;
  first_replies_on_time: number;
  first_reply_median_office_minutes: number | null;
  resolved_with_due: number;
  resolved_on_time: number;
  overdue: number;
  escalated_conflicts: number;
  incidents: number;
  ratings_requested: number;
  ratings_answered: number;
  rating_average: number | null;
}

/**
 * Issue #17, item 8: the city overview's counts, read through `langelis_city_overview` (migration 1763900000024) and
 * nothing else: the service's role sees no institution's rows without naming it, and this is the one function that
 * gives it every institution's aggregates. Work outside any institution calls it (`acrossInstitutions`).
 */
export class PostgresCityQuality implements CityQuality {
  constructor(private readonly dataSource: DataSource) {}

  async institutions(period: Period, now: Date): Promise<InstitutionQuality[]> {
    const records: CityRecord[] = await this.dataSource.query('SELECT * FROM langelis_city_overview($1, $2, $3)', [period.from, period.to, now]);
    return records.map((record) => ({
      institutionId: record.institution_id,
      slug: record.slug,
      name: record.name,
      received: record.received,
      resolved: record.resolved,
      open: record.open,
      firstRepliesDue: record.first_replies_due,
      firstRepliesOnTime: record.first_replies_on_time,
      firstReplyMedianOfficeMinutes: record.first_reply_median_office_minutes,
      resolvedWithDue: record.resolved_with_due,
      resolvedOnTime: record.resolved_on_time,
      overdue: record.overdue,
      escalatedConflicts: record.escalated_conflicts,
      incidents: record.incidents,
      ratingsRequested: record.ratings_requested,
      ratingsAnswered: record.ratings_answered,
      ratingAverage: record.rating_average,
    }));
  }
}
