import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Escalations (R54, R58), promised follow-ups, and what the chat platforms need to update messages in place. */
export class EscalationsAndChat1763900000001 implements MigrationInterface {
  name = 'EscalationsAndChat1763900000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE inquiries ADD COLUMN follow_up_due timestamptz`);
    await db.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        type text NOT NULL,
        raised_by_id uuid NOT NULL REFERENCES staff_members (id),
        manager_id uuid REFERENCES staff_members (id),
        what_happened text NOT NULL,
        client_told_what text NOT NULL,
        follow_up_at timestamptz,
        status text NOT NULL,
        raised_at timestamptz NOT NULL,
        reported_to_authorities boolean,
        decision_note text
      )`);
    await db.query(`CREATE INDEX escalations_inquiry_idx ON escalations (inquiry_id)`);
    // Where a platform showed something about an inquiry (the announcement), so later events update it in place.
    await db.query(`
      CREATE TABLE chat_posts (
        platform text NOT NULL,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        purpose text NOT NULL,
        channel_id text NOT NULL,
        message_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform, inquiry_id, purpose)
      )`);
    // How to reach a person or channel proactively (Teams conversation references, Slack DM channels).
    await db.query(`
      CREATE TABLE conversation_references (
        platform text NOT NULL,
        key text NOT NULL,
        reference jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE conversation_references`);
    await db.query(`DROP TABLE chat_posts`);
    await db.query(`DROP TABLE escalations`);
    await db.query(`ALTER TABLE inquiries DROP COLUMN follow_up_due`);
  }
}
