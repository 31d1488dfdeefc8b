import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table that holds an institution's data (issue #17). */
export const TENANT_TABLES = [
  'staff_members',
  'inquiries',
  'inquiry_timeline',
  'registry_counters',
  'deadline_notices',
  'outbox',
  'escalations',
  'chat_posts',
  'conversation_references',
  'mail_thread_ids',
  'client_messages',
  'mail_attachments',
  'outgoing_emails',
  'mailbox_marks',
  'meetings',
  'external_steps',
  'letters',
  'mail_intake_failures',
  'letter_counters',
  'staff_absences',
  'rating_requests',
  'quality_facts',
  'quality_marks',
  'weekly_digests_told',
  'audit_log',
  'retention_notices_told',
  'subject_access_requests',
  'notice_schedule',
] as const;

/**
 * Natural keys that were unique in the one institution and are now unique within each: the registry number and its
 * year's counter (R15.register), e-mail message ids, mailboxes, a person's e-mail and chat accounts.
 */
const PER_INSTITUTION_KEYS: ReadonlyArray<{ table: string; drop: string; columns: string; primary?: boolean }> = [
  { table: 'staff_members', drop: 'staff_members_email_key', columns: 'email' },
  { table: 'staff_members', drop: 'staff_members_slack_user_id_key', columns: 'slack_user_id' },
  { table: 'staff_members', drop: 'staff_members_teams_user_id_key', columns: 'teams_user_id' },
  { table: 'inquiries', drop: 'inquiries_registry_number_key', columns: 'registry_number' },
  { table: 'inquiries', drop: 'inquiries_channel_external_id_key', columns: 'channel, external_id' },
  { table: 'registry_counters', drop: 'registry_counters_pkey', columns: 'year', primary: true },
  { table: 'letter_counters', drop: 'letter_counters_pkey', columns: 'year', primary: true },
  { table: 'letters', drop: 'letters_outgoing_number_key', columns: 'outgoing_number' },
  { table: 'conversation_references', drop: 'conversation_references_pkey', columns: 'platform, key', primary: true },
  { table: 'mail_thread_ids', drop: 'mail_thread_ids_pkey', columns: 'message_id', primary: true },
  { table: 'client_messages', drop: 'client_messages_message_id_key', columns: 'message_id' },
  { table: 'mail_attachments', drop: 'mail_attachments_message_id_position_key', columns: 'message_id, position' },
  { table: 'outgoing_emails', drop: 'outgoing_emails_dedupe_key_key', columns: 'dedupe_key' },
  { table: 'outgoing_emails', drop: 'outgoing_emails_message_id_key', columns: 'message_id' },
  { table: 'mailbox_marks', drop: 'mailbox_marks_pkey', columns: 'mailbox', primary: true },
  { table: 'mail_intake_failures', drop: 'mail_intake_failures_pkey', columns: 'mailbox, uid_validity, uid', primary: true },
  { table: 'rating_requests', drop: 'rating_requests_dedupe_key_key', columns: 'dedupe_key' },
];

/**
 * Issue #17: many institutions on one deployment. Each institution's rows carry `institution_id`, and PostgreSQL's
 * row-level security keeps every other institution's rows out of sight: a transaction sees and writes only the rows
 * of the institution it set with `set_config('langelis.institution', id, true)` (`src/persistence/tenant-scope.ts`),
 * and a new row takes that institution by default. The application connects as its own role, which owns nothing and
 * cannot bypass the policies (`src/persistence/app-role.ts`); the owner runs the migrations.
 *
 * The work queues (outbox, notice schedule) are swept for all institutions at once by a few SECURITY DEFINER
 * functions, the only paths across institutions: each returns its rows with their institution, and the work on a
 * row is done in that institution's own transaction.
 *
 * What this deployment held so far becomes institution 1; its settings stay in the environment until they are
 * edited (per-institution settings).
 */
export class Institutions1763900000021 implements MigrationInterface {
  name = 'Institutions1763900000021';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE institutions (
        id serial PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO institutions (id, slug, name) VALUES (1, 'default', 'Langelis')`);
    await db.query(`SELECT setval('institutions_id_seq', 1)`);
    // The institution of the current transaction; NULL when none was set, so a row written without one fails.
    await db.query(`
      CREATE FUNCTION langelis_institution() RETURNS integer LANGUAGE sql STABLE
      AS $$ SELECT NULLIF(current_setting('langelis.institution', true), '')::integer $$`);
    for (const table of TENANT_TABLES) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN institution_id integer NOT NULL DEFAULT 1 REFERENCES institutions (id)`);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN institution_id SET DEFAULT langelis_institution()`);
      await db.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await db.query(`
        CREATE POLICY ${table}_of_institution ON ${table}
        USING (institution_id = langelis_institution()) WITH CHECK (institution_id = langelis_institution())`);
    }
    for (const key of PER_INSTITUTION_KEYS) {
      await db.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.drop}`);
      // Under its old name, so the code that recognises the constraint (a re-delivered message) still does.
      await db.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.drop} ${key.primary ? 'PRIMARY KEY' : 'UNIQUE'} (institution_id, ${key.columns})`);
    }
    await db.query('CREATE INDEX staff_members_institution_idx ON staff_members (institution_id)');
    await db.query('CREATE INDEX inquiries_institution_idx ON inquiries (institution_id, received_at)');
    await this.workQueues(db);
  }

  /**
   * The outbox and the notice schedule are swept across institutions. These functions run as the owner (SECURITY
   * DEFINER) and do only the queue's own bookkeeping; each row they return names its institution.
   */
  private async workQueues(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION langelis_outbox_take(p_consumer text, p_limit int, p_lease_ms float)
      RETURNS SETOF outbox LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE outbox SET locked_until = now() + make_interval(secs => p_lease_ms / 1000), attempts = attempts + 1
        WHERE id IN (
          SELECT o.id FROM outbox o
          WHERE o.consumer = p_consumer AND o.delivered_at IS NULL AND o.next_attempt_at <= now()
            AND (o.locked_until IS NULL OR o.locked_until < now())
            AND NOT EXISTS (
              SELECT 1 FROM outbox earlier
              WHERE earlier.consumer = o.consumer AND earlier.inquiry_id = o.inquiry_id
                AND earlier.delivered_at IS NULL AND earlier.id < o.id)
          ORDER BY o.id LIMIT p_limit FOR UPDATE SKIP LOCKED)
        RETURNING *
      $$`);
    await db.query(`
      CREATE FUNCTION langelis_outbox_delivered(p_ids bigint[]) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE outbox SET delivered_at = now(), locked_until = NULL, last_error = NULL WHERE id = ANY(p_ids)
      $$`);
    await db.query(`
      CREATE FUNCTION langelis_outbox_renew(p_ids bigint[], p_attempts int[], p_lease_ms float) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE outbox o SET locked_until = now() + make_interval(secs => p_lease_ms / 1000)
        FROM unnest(p_ids, p_attempts) AS h(id, attempts)
        WHERE o.id = h.id AND o.attempts = h.attempts AND o.delivered_at IS NULL
      $$`);
    await db.query(`
      CREATE FUNCTION langelis_outbox_failed(p_id bigint, p_error text, p_delay_ms float) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE outbox SET locked_until = NULL, last_error = p_error,
          next_attempt_at = now() + make_interval(secs => p_delay_ms / 1000) WHERE id = p_id
      $$`);
    // For /healthz: counts and ages only, no payload.
    await db.query(`
      CREATE FUNCTION langelis_outbox_backlog()
      RETURNS TABLE (consumer text, pending int, failing int, age float, oldest timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT consumer, count(*)::int, count(*) FILTER (WHERE attempts > 1)::int,
          extract(epoch FROM now() - min(created_at))::float, min(created_at)
        FROM outbox WHERE delivered_at IS NULL GROUP BY consumer
      $$`);
    await db.query(`
      CREATE FUNCTION langelis_notices_take(p_limit int, p_lease_ms float)
      RETURNS TABLE (institution_id int, inquiry_id uuid, deadline text, stage text, due_at timestamptz, version bigint, attempts int)
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        UPDATE notice_schedule s SET taken_until = now() + make_interval(secs => p_lease_ms / 1000), attempts = s.attempts + 1
        FROM (SELECT inquiry_id, deadline, stage FROM notice_schedule
              WHERE run_at <= now() AND (taken_until IS NULL OR taken_until < now())
              ORDER BY run_at LIMIT p_limit FOR UPDATE SKIP LOCKED) due
        WHERE s.inquiry_id = due.inquiry_id AND s.deadline = due.deadline AND s.stage = due.stage
        RETURNING s.institution_id, s.inquiry_id, s.deadline, s.stage, s.due_at, s.version, s.attempts
      $$`);
    await db.query(`
      CREATE FUNCTION langelis_notices_settle(p_inquiry uuid[], p_deadline text[], p_stage text[], p_version bigint[], p_run_at timestamptz[])
      RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        WITH settled AS (
          SELECT * FROM unnest(p_inquiry, p_deadline, p_stage, p_version, p_run_at) AS x(inquiry_id, deadline, stage, version, run_at)
        ), moved AS (
          UPDATE notice_schedule s SET run_at = x.run_at, taken_until = NULL
          FROM settled x
          WHERE x.run_at IS NOT NULL AND s.inquiry_id = x.inquiry_id AND s.deadline = x.deadline AND s.stage = x.stage AND s.version = x.version
          RETURNING 1
        )
        DELETE FROM notice_schedule s USING settled x
        WHERE x.run_at IS NULL AND s.inquiry_id = x.inquiry_id AND s.deadline = x.deadline AND s.stage = x.stage AND s.version = x.version
      $$`);
    await db.query(`
      CREATE FUNCTION langelis_notice_instants(p_from timestamptz, p_until timestamptz) RETURNS SETOF timestamptz
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT DISTINCT run_at FROM notice_schedule WHERE run_at > p_from AND run_at <= p_until ORDER BY run_at
      $$`);
    for (const fn of QUEUE_FUNCTIONS) await db.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const fn of QUEUE_FUNCTIONS) await db.query(`DROP FUNCTION ${fn}`);
    for (const key of [...PER_INSTITUTION_KEYS].reverse()) {
      await db.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.drop}`);
      await db.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.drop} ${key.primary ? 'PRIMARY KEY' : 'UNIQUE'} (${key.columns})`);
    }
    for (const table of TENANT_TABLES) {
      await db.query(`DROP POLICY ${table}_of_institution ON ${table}`);
      await db.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
      await db.query(`ALTER TABLE ${table} DROP COLUMN institution_id`);
    }
    await db.query('DROP FUNCTION langelis_institution()');
    await db.query('DROP TABLE institutions');
  }
}

/** Granted to the application's role by `src/persistence/app-role.ts`, to nobody else. */
export const QUEUE_FUNCTIONS = [
  'langelis_outbox_take(text, int, float)',
  'langelis_outbox_delivered(bigint[])',
  'langelis_outbox_renew(bigint[], int[], float)',
  'langelis_outbox_failed(bigint, text, float)',
  'langelis_outbox_backlog()',
  'langelis_notices_take(int, float)',
  'langelis_notices_settle(uuid[], text[], text[], bigint[], timestamptz[])',
  'langelis_notice_instants(timestamptz, timestamptz)',
] as const;
