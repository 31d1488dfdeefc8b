import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An instant as JavaScript's `toISOString()` writes it: the marks' keys are made of event instants. */
const ISO = `to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const iso = (column: string) => ISO.replace('%s', column);

/**
 * R60.internal, quality monitoring (src/domain/quality, docs/quality.md): per inquiry its quality facts — the state
 * the figures are counted from, with the first reply's delay in office minutes, which SQL cannot compute — and its
 * dated marks (overdue, escalations, failed callbacks, reopenings, meeting summaries), each under the natural key of
 * the event that left it, so a re-delivered event counts once. Kept by the `quality` outbox consumer; no client name
 * or contact. The inquiries and marks there are already are filled in here; their office minutes stay empty.
 */
export class QualityFacts1763900000012 implements MigrationInterface {
  name = 'QualityFacts1763900000012';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE quality_facts (
        inquiry_id uuid PRIMARY KEY REFERENCES inquiries (id),
        registry_number text NOT NULL,
        channel text NOT NULL,
        kind text NOT NULL,
        owner_id uuid REFERENCES staff_members (id),
        received_at timestamptz NOT NULL,
        first_reply_due timestamptz NOT NULL,
        first_reply_at timestamptz,
        first_reply_office_minutes double precision CHECK (first_reply_office_minutes >= 0),
        resolution_due timestamptz,
        resolved_at timestamptz
      )`);
    // One index per instant a figure is dated by, so a period reads index ranges, never the whole table.
    await db.query('CREATE INDEX quality_facts_received_idx ON quality_facts (received_at)');
    await db.query('CREATE INDEX quality_facts_first_reply_due_idx ON quality_facts (first_reply_due)');
    await db.query('CREATE INDEX quality_facts_first_reply_idx ON quality_facts (first_reply_at) WHERE first_reply_at IS NOT NULL');
    await db.query('CREATE INDEX quality_facts_resolved_idx ON quality_facts (resolved_at) WHERE resolved_at IS NOT NULL');
    await db.query('CREATE INDEX quality_facts_unresolved_idx ON quality_facts (received_at) WHERE resolved_at IS NULL');
    await db.query('CREATE INDEX quality_facts_owner_idx ON quality_facts (owner_id, received_at)');
    await db.query(`
      CREATE TABLE quality_marks (
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        kind text NOT NULL CHECK (kind IN ('overdue', 'conflict', 'incident', 'missed_callback', 'reopened', 'summary')),
        key text NOT NULL,
        at timestamptz NOT NULL,
        -- A summary: when it was sent (its mark's \`at\` is when it was due).
        met_at timestamptz,
        PRIMARY KEY (inquiry_id, kind, key)
      )`);
    await db.query('CREATE INDEX quality_marks_at_idx ON quality_marks (at, kind)');

    await db.query(`
      INSERT INTO quality_facts (inquiry_id, registry_number, channel, kind, owner_id, received_at, first_reply_due, first_reply_at,
        resolution_due, resolved_at)
      SELECT id, registry_number, channel, kind, owner_id, received_at, first_reply_due, first_reply_at,
        COALESCE(promised_by, statutory_due), resolved_at
      FROM inquiries`);
    await db.query(`
      INSERT INTO quality_marks (inquiry_id, kind, key, at, met_at)
      SELECT inquiry_id, type, id::text, raised_at, NULL::timestamptz FROM escalations WHERE type IN ('conflict', 'incident')
      UNION ALL
      SELECT inquiry_id, 'summary', id::text, summary_due, summary_sent_at FROM meetings WHERE summary_due IS NOT NULL
      UNION ALL
      SELECT inquiry_id, CASE action WHEN 'reopened' THEN 'reopened' ELSE 'missed_callback' END, ${iso('at')}, at, NULL
      FROM inquiry_timeline WHERE action IN ('reopened', 'callback_failed')
      UNION ALL
      SELECT inquiry_id, 'overdue', deadline || ':' || ${iso('due_at')}, due_at, NULL
      FROM deadline_notices WHERE stage = 'overdue' AND deadline IN ('first_reply', 'resolution')
      ON CONFLICT DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE quality_marks');
    await db.query('DROP TABLE quality_facts');
  }
}
