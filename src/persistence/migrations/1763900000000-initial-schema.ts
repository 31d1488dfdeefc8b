import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Inquiries, their timeline, the staff directory, registry counters, sent notices and the outbox. */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE staff_members (
        id uuid PRIMARY KEY,
        first_name text NOT NULL,
        surname text NOT NULL,
        position text,
        phone text,
        email text NOT NULL UNIQUE,
        language text NOT NULL,
        roles text[] NOT NULL,
        slack_user_id text UNIQUE,
        teams_user_id text UNIQUE,
        manager_id uuid REFERENCES staff_members (id),
        active boolean NOT NULL DEFAULT true
      )`);
    await db.query(`
      CREATE TABLE inquiries (
        id uuid PRIMARY KEY,
        registry_number text NOT NULL UNIQUE,
        kind text NOT NULL,
        channel text NOT NULL,
        external_id text,
        client_name text NOT NULL,
        client_email text,
        client_phone text,
        client_language text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        received_at timestamptz NOT NULL,
        status text NOT NULL,
        owner_id uuid REFERENCES staff_members (id),
        first_reply_due timestamptz NOT NULL,
        first_reply_at timestamptz,
        statutory_due timestamptz,
        promised_by timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        CONSTRAINT inquiries_channel_external_id_key UNIQUE (channel, external_id)
      )`);
    await db.query(`CREATE INDEX inquiries_owner_open_idx ON inquiries (owner_id, status)`);
    await db.query(`CREATE INDEX inquiries_status_idx ON inquiries (status, first_reply_due)`);
    await db.query(`
      CREATE TABLE inquiry_timeline (
        id bigserial PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        at timestamptz NOT NULL,
        actor_id uuid REFERENCES staff_members (id),
        action text NOT NULL,
        details jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX inquiry_timeline_inquiry_idx ON inquiry_timeline (inquiry_id, id)`);
    // The audit trail is append-only (R12.records): the database refuses edits, not just the code.
    await db.query(`
      CREATE FUNCTION inquiry_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'inquiry_timeline is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER inquiry_timeline_append_only BEFORE UPDATE OR DELETE ON inquiry_timeline
      FOR EACH ROW EXECUTE FUNCTION inquiry_timeline_append_only()`);
    await db.query(`CREATE TABLE registry_counters (year int PRIMARY KEY, last_number int NOT NULL)`);
    await db.query(`
      CREATE TABLE deadline_notices (
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        deadline text NOT NULL,
        stage text NOT NULL,
        due_at timestamptz NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (inquiry_id, deadline, stage, due_at)
      )`);
    await db.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        inquiry_id uuid NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        delivered_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (consumer, inquiry_id, id) WHERE delivered_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'deadline_notices', 'registry_counters', 'inquiry_timeline', 'inquiries', 'staff_members']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP FUNCTION inquiry_timeline_append_only()`);
  }
}
