import type { DataSource } from 'typeorm';
import type { Clock } from '../../domain/clock.js';
import { compared, share, withCounts, type QualityAggregate } from '../../domain/quality/figures.js';
import { assertPeriod, periodOf, previousPeriod, trendStarts } from '../../domain/quality/period.js';
import type { Compared, Period, PeriodName, QualityMonitor, QualityReport, QualityRow, ReportScope, TrendPoint } from '../../domain/quality/report.js';
import { factsSql, firstReplyMinutesSql, GROUPING, marksSql, ratingsSql, rowsSql, scopeCondition, trendSql } from './quality-sql.js';

/** CSV rows are read this many at a time, by a cursor on (received, inquiry): memory stays flat for any period. */
const ROWS_PAGE = 500;

interface GroupRow {
  idx: 0 | 1;
  g: number;
  owner_id: string | null;
  channel: string | null;
  kind: string | null;
}
type FactsRow = GroupRow & {
  received: number;
  resolved: number;
  open: number;
  first_replies_due: number;
  first_replies_on_time: number;
  resolved_with_due: number;
  resolved_on_time: number;
};
/** The median and the 90th percentile. */
type MinutesRow = GroupRow & { minutes: [number, number] };
type MarksRow = GroupRow & {
  overdue: number;
  conflicts: number;
  incidents: number;
  missed_callbacks: number;
  reopened: number;
  summaries_due: number;
  summaries_on_time: number;
};
type RatingsRow = GroupRow & { requested: number; s1: number; s2: number; s3: number; s4: number; s5: number };
interface TrendRow {
  bucket: number;
  received: number;
  resolved: number;
  due: number;
  on_time: number;
}
interface QualityRowRecord {
  inquiry_id: string;
  registry_number: string;
  channel: string;
  kind: string;
  owner_id: string | null;
  received_at: Date;
  first_reply_due: Date | null;
  first_reply_at: Date | null;
  first_reply_office_minutes: number | null;
  resolution_due: Date | null;
  resolved_at: Date | null;
  overdue: boolean;
  conflicts: number;
  incidents: number;
  missed_callbacks: number;
  summaries_due: number;
  summaries_on_time: number;
  reopened: number;
  score: number | null;
}

/** One period's aggregates per group ('total', 'rep:<id>', 'channel:<c>', 'kind:<k>'), index 0 now, 1 before. */
type Groups = Map<string, [QualityAggregate | undefined, QualityAggregate | undefined]>;

/**
 * R60.internal: the quality monitor on PostgreSQL. Five aggregate queries per report (the inquiries' counts, the first
 * replies' office minutes, the marks, the ratings, the trend), run side by side; each covers the period and the previous one, the whole scope and its
 * groups at once (`GROUPING SETS`). Node only names the groups and derives the shares (src/domain/quality/figures.ts).
 */
export class PostgresQualityMonitor implements QualityMonitor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly zone: string,
  ) {}

  periodOf(name: PeriodName, now: Date, which: 'current' | 'last'): Period {
    return periodOf(name, now, which, this.zone);
  }

  async report(period: Period, scope: ReportScope): Promise<QualityReport> {
    assertPeriod(period);
    const previous = previousPeriod(period, this.zone);
    const now = this.clock.now();
    const bounds = [period.from, period.to, previous.from, previous.to];
    const withNow = scopeCondition(scope, 6);
    const withoutNow = scopeCondition(scope, 5);
    const starts = trendStarts(period, this.zone);
    const [facts, minutes, marks, ratings, trend, roster] = await Promise.all([
      this.query<FactsRow>(factsSql(withNow.sql), [...bounds, now, ...withNow.params]),
      this.query<MinutesRow>(firstReplyMinutesSql(withoutNow.sql), [...bounds, ...withoutNow.params]),
      this.query<MarksRow>(marksSql(withNow.sql), [...bounds, now, ...withNow.params]),
      this.query<RatingsRow>(ratingsSql(withoutNow.sql), [...bounds, ...withoutNow.params]),
      this.query<TrendRow>(trendSql(withoutNow.sql), [[...starts, period.to], period.from, period.to, now, ...withoutNow.params]),
      this.roster(scope),
    ]);
    const groups: Groups = new Map();
    for (const row of facts) {
      add(groups, row, {
        received: row.received,
        resolved: row.resolved,
        open: row.open,
        firstRepliesDue: row.first_replies_due,
        firstRepliesOnTime: row.first_replies_on_time,
        resolvedWithDue: row.resolved_with_due,
        resolvedOnTime: row.resolved_on_time,
      });
    }
    for (const row of minutes) add(groups, row, { firstReplyMedianOfficeMinutes: row.minutes[0], firstReplyP90OfficeMinutes: row.minutes[1] });
    for (const row of marks) {
      add(groups, row, {
        overdue: row.overdue,
        escalatedConflicts: row.conflicts,
        incidents: row.incidents,
        missedCallbacks: row.missed_callbacks,
        reopened: row.reopened,
        summariesDue: row.summaries_due,
        summariesOnTime: row.summaries_on_time,
      });
    }
    for (const row of ratings) add(groups, row, { ratingsRequested: row.requested, scores: [row.s1, row.s2, row.s3, row.s4, row.s5] });
    for (const staffId of roster) if (!groups.has(`rep:${staffId}`)) groups.set(`rep:${staffId}`, [undefined, undefined]);
    return {
      period: { from: period.from, to: period.to },
      previousPeriod: previous,
      scope,
      total: comparedOf(groups, 'total'),
      byRepresentative: groupsOf(groups, 'rep:').map(([staffId, figures]) => ({ staffId, ...figures })),
      byChannel: groupsOf(groups, 'channel:').map(([channel, figures]) => ({ channel, ...figures })),
      byKind: groupsOf(groups, 'kind:').map(([kind, figures]) => ({ kind, ...figures })),
      trend: trendOf(starts, trend),
    };
  }

  async *rows(period: Period, scope: ReportScope): AsyncIterable<QualityRow> {
    assertPeriod(period);
    const condition = scopeCondition(scope, 6);
    const sql = rowsSql(condition.sql);
    let cursor: [Date, string] | [null, null] = [null, null];
    for (;;) {
      const page: QualityRowRecord[] = await this.query<QualityRowRecord>(sql, [period.from, period.to, ...cursor, ROWS_PAGE, ...condition.params]);
      for (const record of page) yield rowOf(record);
      if (page.length < ROWS_PAGE) return;
      const last: QualityRowRecord = page[page.length - 1];
      cursor = [last.received_at, last.inquiry_id];
    }
  }

  /** The people a scope names even with nothing to count: the representative, a manager's direct reports. */
  private async roster(scope: ReportScope): Promise<string[]> {
    if (scope.kind === 'representative') return [scope.staffId];
    if (scope.kind === 'institution') return [];
    const rows = await this.query<{ id: string }>('SELECT id FROM staff_members WHERE manager_id = $1 AND active', [scope.managerId]);
    return rows.map((row) => row.id);
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }
}

function keyOf(row: GroupRow): string | null {
  switch (row.g) {
    case GROUPING.total:
      return 'total';
    // Nobody owns it yet: in the totals and its channel and kind, but under no representative.
    case GROUPING.owner:
      return row.owner_id === null ? null : `rep:${row.owner_id}`;
    case GROUPING.channel:
      return `channel:${row.channel}`;
    case GROUPING.kind:
      return `kind:${row.kind}`;
    default:
      throw new Error(`Unexpected grouping ${row.g}`);
  }
}

function add(groups: Groups, row: GroupRow, counts: Partial<QualityAggregate>): void {
  const key = keyOf(row);
  if (key === null) return;
  const pair = groups.get(key) ?? [undefined, undefined];
  pair[row.idx] = withCounts(pair[row.idx], counts);
  groups.set(key, pair);
}

function comparedOf(groups: Groups, key: string): Compared {
  const [current, previous] = groups.get(key) ?? [undefined, undefined];
  return compared(current, previous);
}

/** The groups under `prefix`, most received first (then by name), each compared with the previous period. */
function groupsOf(groups: Groups, prefix: string): Array<[string, Compared]> {
  return [...groups.keys()]
    .filter((key) => key.startsWith(prefix))
    .map((key): [string, Compared] => [key.slice(prefix.length), comparedOf(groups, key)])
    .sort(([a, x], [b, y]) => y.current.received - x.current.received || a.localeCompare(b));
}

function trendOf(starts: readonly Date[], rows: readonly TrendRow[]): TrendPoint[] {
  // width_bucket numbers the points from 1.
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  return starts.map((from, index) => {
    const row = byBucket.get(index + 1);
    return { from, received: row?.received ?? 0, resolved: row?.resolved ?? 0, firstReplyOnTimeShare: share(row?.on_time ?? 0, row?.due ?? 0) };
  });
}

function rowOf(record: QualityRowRecord): QualityRow {
  return {
    registryNumber: record.registry_number,
    channel: record.channel,
    kind: record.kind,
    ownerId: record.owner_id,
    receivedAt: record.received_at,
    firstReplyDue: record.first_reply_due,
    firstReplyAt: record.first_reply_at,
    firstReplyOfficeMinutes: record.first_reply_office_minutes,
    resolutionDue: record.resolution_due,
    resolvedAt: record.resolved_at,
    overdue: record.overdue,
    escalatedConflicts: record.conflicts,
    incidents: record.incidents,
    missedCallbacks: record.missed_callbacks,
    summariesDue: record.summaries_due,
    summariesOnTime: record.summaries_on_time,
    reopened: record.reopened,
    ratingScore: record.score,
  };
}
