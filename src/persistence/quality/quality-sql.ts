import type { ReportScope } from '../../domain/quality/report.js';

/**
 * The SQL of quality monitoring (R60.internal), in one place. Every figure is an aggregate PostgreSQL computes over
 * the quality facts and marks (migration 1763900000012) and the rating requests; Node receives one row per group.
 * `$1`–`$4` are the period and the previous one (`from`, `to` each), `$5` now where a query needs it; the scope comes next.
 */

/** Whose inquiries: the owner's id for a representative, the owners a manager manages directly for a team. */
export function scopeCondition(scope: ReportScope, parameter: number): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'institution':
      return { sql: 'TRUE', params: [] };
    case 'representative':
      return { sql: `f.owner_id = $${parameter}::uuid`, params: [scope.staffId] };
    case 'team':
      return { sql: `f.owner_id IN (SELECT id FROM staff_members WHERE manager_id = $${parameter}::uuid)`, params: [scope.managerId] };
  }
}

/** The two periods as rows: idx 0 the period asked for, 1 the previous equal period. */
const PERIODS = `p (idx, lo, hi) AS (VALUES (0, $1::timestamptz, $2::timestamptz), (1, $3::timestamptz, $4::timestamptz))`;

/**
 * The whole scope, per owner, per channel and per kind at once. `GROUPING(owner_id, channel, kind)` says which group a
 * row is: 7 the whole scope, 3 an owner, 5 a channel, 6 a kind.
 */
export const GROUPING = { total: 7, owner: 3, channel: 5, kind: 6 } as const;
const GROUPING_SETS = 'GROUPING SETS ((idx), (idx, owner_id), (idx, channel), (idx, kind))';

/**
 * Counts are added up in two steps: first per (period, owner, channel, kind) — one hashed pass over the rows — then the
 * few hundred sums are rolled up into the whole scope and its groups. `fine` is the first step's SQL, `counts` the
 * names of the counts it selects.
 */
function rolledUp(fine: string, counts: readonly string[]): string {
  return `
    WITH ${PERIODS}, fine AS (${fine})
    SELECT idx, GROUPING(owner_id, channel, kind) AS g, owner_id, channel, kind,
      ${counts.map((count) => `sum(${count})::int AS ${count}`).join(', ')}
    FROM fine
    GROUP BY ${GROUPING_SETS}`;
}
const FINE_GROUP = 'GROUP BY p.idx, f.owner_id, f.channel, f.kind';

/**
 * The inquiries' own counts. An inquiry takes part in a period when anything it is counted for falls in it — received,
 * first reply due, resolved — or it was still open at the period's end; all of these come at or after its receipt, so
 * `received_at < hi` bounds them all.
 */
export function factsSql(scope: string): string {
  const replyDue = 'f.first_reply_due >= p.lo AND f.first_reply_due < p.hi';
  const resolved = 'f.resolved_at >= p.lo AND f.resolved_at < p.hi';
  return rolledUp(
    `SELECT p.idx, f.owner_id, f.channel, f.kind,
       count(*) FILTER (WHERE f.received_at >= p.lo) AS received,
       count(*) FILTER (WHERE ${resolved}) AS resolved,
       count(*) FILTER (WHERE f.resolved_at IS NULL OR f.resolved_at >= p.hi) AS open,
       count(*) FILTER (WHERE ${replyDue} AND (f.first_reply_at IS NOT NULL OR f.first_reply_due <= $5)) AS first_replies_due,
       count(*) FILTER (WHERE ${replyDue} AND f.first_reply_at <= f.first_reply_due) AS first_replies_on_time,
       count(*) FILTER (WHERE ${resolved} AND f.resolution_due IS NOT NULL) AS resolved_with_due,
       count(*) FILTER (WHERE ${resolved} AND f.resolved_at <= f.resolution_due) AS resolved_on_time
     FROM p JOIN quality_facts f ON f.received_at < p.hi
       AND (f.received_at >= p.lo OR f.resolved_at IS NULL OR f.resolved_at >= p.lo OR f.first_reply_due >= p.lo)
     WHERE ${scope}
     ${FINE_GROUP}`,
    ['received', 'resolved', 'open', 'first_replies_due', 'first_replies_on_time', 'resolved_with_due', 'resolved_on_time'],
  );
}

/**
 * Time to first reply in office minutes, of the first replies sent in the period: the median and the 90th percentile
 * (interpolated, `percentile_cont`), both from one sort per group. `$5` is not used: a scope is `$5`.
 */
export function firstReplyMinutesSql(scope: string): string {
  return `
    WITH ${PERIODS}
    SELECT p.idx, GROUPING(f.owner_id, f.channel, f.kind) AS g, f.owner_id, f.channel, f.kind,
      percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY f.first_reply_office_minutes) AS minutes
    FROM p JOIN quality_facts f ON f.first_reply_at >= p.lo AND f.first_reply_at < p.hi
    WHERE f.first_reply_office_minutes IS NOT NULL AND ${scope}
    GROUP BY GROUPING SETS ((p.idx), (p.idx, f.owner_id), (p.idx, f.channel), (p.idx, f.kind))`;
}

/**
 * What happened in the period (marks), counted for the inquiry's owner, channel and kind; "overdue" counts inquiries,
 * so one whose first reply and resolution were both late in the period counts once.
 */
export function marksSql(scope: string): string {
  return rolledUp(
    `SELECT m.idx, f.owner_id, f.channel, f.kind,
       count(*) FILTER (WHERE m.overdue) AS overdue, sum(m.conflicts) AS conflicts, sum(m.incidents) AS incidents,
       sum(m.missed_callbacks) AS missed_callbacks, sum(m.reopened) AS reopened, sum(m.summaries_due) AS summaries_due,
       sum(m.summaries_on_time) AS summaries_on_time
     FROM (
       SELECT p.idx, m.inquiry_id, bool_or(m.kind = 'overdue') AS overdue,
         count(*) FILTER (WHERE m.kind = 'conflict') AS conflicts,
         count(*) FILTER (WHERE m.kind = 'incident') AS incidents,
         count(*) FILTER (WHERE m.kind = 'missed_callback') AS missed_callbacks,
         count(*) FILTER (WHERE m.kind = 'reopened') AS reopened,
         count(*) FILTER (WHERE m.kind = 'summary' AND (m.met_at IS NOT NULL OR m.at <= $5)) AS summaries_due,
         count(*) FILTER (WHERE m.kind = 'summary' AND m.met_at <= m.at) AS summaries_on_time
       FROM p JOIN quality_marks m ON m.at >= p.lo AND m.at < p.hi
       GROUP BY p.idx, m.inquiry_id
     ) m
     JOIN quality_facts f ON f.inquiry_id = m.inquiry_id
     WHERE ${scope}
     GROUP BY m.idx, f.owner_id, f.channel, f.kind`,
    ['overdue', 'conflicts', 'incidents', 'missed_callbacks', 'reopened', 'summaries_due', 'summaries_on_time'],
  );
}

/** R60.external: rating requests by the period of their request; a void one was never asked for. No `$5`: a scope is `$5`. */
export function ratingsSql(scope: string): string {
  const scores = [1, 2, 3, 4, 5].map((n) => `s${n}`);
  return rolledUp(
    `SELECT p.idx, f.owner_id, f.channel, f.kind,
       count(*) FILTER (WHERE r.status <> 'void') AS requested,
       ${[1, 2, 3, 4, 5].map((n) => `count(*) FILTER (WHERE r.status = 'answered' AND r.score = ${n}) AS s${n}`).join(', ')}
     FROM p JOIN rating_requests r ON r.requested_at >= p.lo AND r.requested_at < p.hi
     JOIN quality_facts f ON f.inquiry_id = r.inquiry_id
     WHERE ${scope}
     ${FINE_GROUP}`,
    ['requested', ...scores],
  );
}

/**
 * The trend of the period asked for: received, resolved and first replies due (and on time) per point, `$1` the
 * points' boundaries (their starts, then the period's end), `$2`/`$3` the period, `$4` now; a scope adds `$5`.
 */
export function trendSql(scope: string): string {
  return `
    SELECT bucket, sum(received)::int AS received, sum(resolved)::int AS resolved, sum(due)::int AS due, sum(on_time)::int AS on_time
    FROM (
      SELECT width_bucket(f.received_at, $1::timestamptz[]) AS bucket, 1 AS received, 0 AS resolved, 0 AS due, 0 AS on_time
      FROM quality_facts f WHERE f.received_at >= $2 AND f.received_at < $3 AND ${scope}
      UNION ALL
      SELECT width_bucket(f.resolved_at, $1::timestamptz[]), 0, 1, 0, 0
      FROM quality_facts f WHERE f.resolved_at >= $2 AND f.resolved_at < $3 AND ${scope}
      UNION ALL
      SELECT width_bucket(f.first_reply_due, $1::timestamptz[]), 0, 0, 1, CASE WHEN f.first_reply_at <= f.first_reply_due THEN 1 ELSE 0 END
      FROM quality_facts f
      WHERE f.first_reply_due >= $2 AND f.first_reply_due < $3 AND (f.first_reply_at IS NOT NULL OR f.first_reply_due <= $4) AND ${scope}
    ) counted
    GROUP BY bucket`;
}

/** One page of CSV rows (inquiries received in the period `$1`/`$2`), after the cursor `$3`/`$4`, `$5` rows; a scope adds `$6`. */
export function rowsSql(scope: string): string {
  return `
    SELECT f.inquiry_id, f.registry_number, f.channel, f.kind, f.owner_id, f.received_at, f.first_reply_due, f.first_reply_at,
      f.first_reply_office_minutes, f.resolution_due, f.resolved_at,
      COALESCE(m.overdue, false) AS overdue, m.conflicts, m.incidents, m.missed_callbacks, m.summaries_due,
      m.summaries_on_time, m.reopened, r.score
    FROM quality_facts f
    CROSS JOIN LATERAL (
      SELECT bool_or(kind = 'overdue') AS overdue,
        count(*) FILTER (WHERE kind = 'conflict')::int AS conflicts,
        count(*) FILTER (WHERE kind = 'incident')::int AS incidents,
        count(*) FILTER (WHERE kind = 'missed_callback')::int AS missed_callbacks,
        count(*) FILTER (WHERE kind = 'summary')::int AS summaries_due,
        count(*) FILTER (WHERE kind = 'summary' AND met_at <= at)::int AS summaries_on_time,
        count(*) FILTER (WHERE kind = 'reopened')::int AS reopened
      FROM quality_marks WHERE inquiry_id = f.inquiry_id) m
    LEFT JOIN LATERAL (
      SELECT score FROM rating_requests WHERE inquiry_id = f.inquiry_id AND status = 'answered' ORDER BY answered_at DESC LIMIT 1
    ) r ON true
    WHERE f.received_at >= $1 AND f.received_at < $2
      AND ($3::timestamptz IS NULL OR (f.received_at, f.inquiry_id) > ($3::timestamptz, $4::uuid))
      AND ${scope}
    ORDER BY f.received_at, f.inquiry_id
    LIMIT $5`;
}
