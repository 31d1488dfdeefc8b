import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail with clients: follow-up messages, attachments (R12.records), outgoing e-mail sent through the
 * outbox, the Message-IDs of a conversation (threading), and how far the IMAP intake has read.
 */
export class ClientMail1763900000002 implements MigrationInterface {
  name = 'ClientMail1763900000002';

  async up(db: QueryRunner): Promise<void> {
    // Every Message-ID that belongs to an inquiry's conversation besides the first message (its external id).
    await db.query(`
      CREATE TABLE mail_thread_ids (
        message_id text PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        direction text NOT NULL CHECK (direction IN ('in', 'out')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX mail_thread_ids_inquiry_idx ON mail_thread_ids (inquiry_id, created_at)`);
    await db.query(`
      CREATE TABLE client_messages (
        id uuid PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        message_id text NOT NULL UNIQUE,
        from_address text,
        subject text NOT NULL,
        body text NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX client_messages_inquiry_idx ON client_messages (inquiry_id, received_at)`);
    await db.query(`
      CREATE TABLE mail_attachments (
        id uuid PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        message_id text NOT NULL,
        position int NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes int NOT NULL,
        content bytea,
        -- 'stored', or why the content was not kept (the record that it came stays).
        disposition text NOT NULL,
        UNIQUE (message_id, position)
      )`);
    await db.query(`
      CREATE TABLE outgoing_emails (
        id uuid PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        purpose text NOT NULL,
        dedupe_key text UNIQUE,
        sender_id uuid NOT NULL REFERENCES staff_members (id),
        to_name text NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        language text NOT NULL,
        message_id text NOT NULL UNIQUE,
        in_reply_to text,
        "references" text[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX outgoing_emails_inquiry_idx ON outgoing_emails (inquiry_id, created_at)`);
    // The IMAP high-water mark: a message counts as processed only after its inquiry is committed.
    await db.query(`
      CREATE TABLE mailbox_marks (
        mailbox text PRIMARY KEY,
        uid_validity text NOT NULL,
        last_uid bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mailbox_marks`);
    await db.query(`DROP TABLE outgoing_emails`);
    await db.query(`DROP TABLE mail_attachments`);
    await db.query(`DROP TABLE client_messages`);
    await db.query(`DROP TABLE mail_thread_ids`);
  }
}
