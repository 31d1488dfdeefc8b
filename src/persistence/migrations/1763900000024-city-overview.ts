import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Below this many answered ratings in a period an institution's average is withheld: with one or two families rating a
 * small kindergarten in a month, the average would be their own scores (docs/institutions.md, "A city overview").
 * Written into the function, so the service's role can never read a smaller group's average.
 */
const RATINGS_SHOWN_FROM = 5;

/**
 * Issue #17, item 8: the city overview. One SECURITY DEFINER function, run as the owner (who is not held to row-level
 * security), gives for a period [from, to) one row per institution — its id, short name and name, and counts only:
 * no inquiry, person, e-mail or text ever leaves it. Each count is the one an institution's own quality report
 * (R60.internal, src/persistence/quality/quality-sql.ts) gives for the same period as its whole-institution total, so
 * the city and the institution read the same numbers; `p_now` is the service's clock, as the report's is, deciding
 * which first replies are due yet. The service's role may run it and nothing else across institutions.
 */
export class CityOverview1763900000024 implements MigrationInterface {
  name = 'CityOverview1763900000024';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION langelis_city_overview(p_from timestamptz, p_to timestamptz, p_now timestamptz)
      RETURNS TABLE (institution_id int, slug text, name text, received int, resolved int, open int,
        first_replies_due int, first_replies_on_time int, first_reply_median_office_minutes float,
        resolved_with_due int, resolved_on_time int, overdue int, escalated_conflicts int, incidents int,
        ratings_requested int, ratings_answered int, rating_average float)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        WITH counted AS (
          -- An inquiry counts in the period when it was received, its first reply fell due or it was resolved in it,
          -- or it was still open at its end; each of these comes after receipt, so received_at < p_to bounds them.
          SELECT f.institution_id,
            count(*) FILTER (WHERE f.received_at >= p_from) AS received,
            count(*) FILTER (WHERE f.resolved_at >= p_from AND f.resolved_at < p_to) AS resolved,
            count(*) FILTER (WHERE f.resolved_at IS NULL OR f.resolved_at >= p_to) AS open,
            count(*) FILTER (WHERE f.first_reply_due >= p_from AND f.first_reply_due < p_to
              AND (f.first_reply_at IS NOT NULL OR f.first_reply_due <= p_now)) AS first_replies_due,
            count(*) FILTER (WHERE f.first_reply_due >= p_from AND f.first_reply_due < p_to
              AND f.first_reply_at <= f.first_reply_due) AS first_replies_on_time,
            count(*) FILTER (WHERE f.resolved_at >= p_from AND f.resolved_at < p_to AND f.resolution_due IS NOT NULL) AS resolved_with_due,
            count(*) FILTER (WHERE f.resolved_at >= p_from AND f.resolved_at < p_to AND f.resolved_at <= f.resolution_due) AS resolved_on_time
          FROM quality_facts f
          WHERE f.received_at < p_to
            AND (f.received_at >= p_from OR f.resolved_at IS NULL OR f.resolved_at >= p_from OR f.first_reply_due >= p_from)
          GROUP BY f.institution_id
        ), replied AS (
          SELECT f.institution_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY f.first_reply_office_minutes) AS median
          FROM quality_facts f
          WHERE f.first_reply_at >= p_from AND f.first_reply_at < p_to AND f.first_reply_office_minutes IS NOT NULL
          GROUP BY f.institution_id
        ), marked AS (
          -- "Overdue" counts inquiries: one late for its first reply and its resolution in the period counts once.
          SELECT f.institution_id, count(*) FILTER (WHERE per.overdue) AS overdue,
            sum(per.conflicts) AS conflicts, sum(per.incidents) AS incidents
          FROM (
            SELECT m.inquiry_id, bool_or(m.kind = 'overdue') AS overdue,
              count(*) FILTER (WHERE m.kind = 'conflict') AS conflicts, count(*) FILTER (WHERE m.kind = 'incident') AS incidents
            FROM quality_marks m WHERE m.at >= p_from AND m.at < p_to
            GROUP BY m.inquiry_id
          ) per
          JOIN quality_facts f ON f.inquiry_id = per.inquiry_id
          GROUP BY f.institution_id
        ), rated AS (
          -- R60.external: by the period of the request, as the report counts them; a void request was never made.
          SELECT f.institution_id, count(*) FILTER (WHERE r.status <> 'void') AS requested,
            count(r.score) FILTER (WHERE r.status = 'answered') AS answered,
            avg(r.score) FILTER (WHERE r.status = 'answered') AS average
          FROM rating_requests r JOIN quality_facts f ON f.inquiry_id = r.inquiry_id
          WHERE r.requested_at >= p_from AND r.requested_at < p_to
          GROUP BY f.institution_id
        )
        SELECT i.id, i.slug, COALESCE(NULLIF(btrim(i.settings ->> 'name'), ''), i.name),
          COALESCE(c.received, 0)::int, COALESCE(c.resolved, 0)::int, COALESCE(c.open, 0)::int,
          COALESCE(c.first_replies_due, 0)::int, COALESCE(c.first_replies_on_time, 0)::int, rp.median::float,
          COALESCE(c.resolved_with_due, 0)::int, COALESCE(c.resolved_on_time, 0)::int,
          COALESCE(mk.overdue, 0)::int, COALESCE(mk.conflicts, 0)::int, COALESCE(mk.incidents, 0)::int,
          COALESCE(rt.requested, 0)::int, COALESCE(rt.answered, 0)::int,
          CASE WHEN rt.answered >= ${RATINGS_SHOWN_FROM} THEN rt.average::float END
        FROM institutions i
        LEFT JOIN counted c ON c.institution_id = i.id
        LEFT JOIN replied rp ON rp.institution_id = i.id
        LEFT JOIN marked mk ON mk.institution_id = i.id
        LEFT JOIN rated rt ON rt.institution_id = i.id
        ORDER BY i.id
      $$`);
    for (const fn of CITY_FUNCTIONS) await db.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const fn of CITY_FUNCTIONS) await db.query(`DROP FUNCTION ${fn}`);
  }
}

/** Granted to the application's role by `src/persistence/app-role.ts`, to nobody else. */
export const CITY_FUNCTIONS = ['langelis_city_overview(timestamptz, timestamptz, timestamptz)'] as const;
