import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R60.external, client ratings: one request per resolved inquiry that is sampled and outside the client's cooldown.
 * An e-mail request carries a single-use token (only its hash is kept) that expires after 28 days; staff record a
 * phone or in-person client's answer themselves (channel 'staff', recorded_by_id). A reopened inquiry voids its
 * pending request. The comment is the client's own words: kept here and in the timeline, never shown in a channel.
 */
export class ClientRatings1763900000011 implements MigrationInterface {
  name = 'ClientRatings1763900000011';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rating_requests (
        id uuid PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        token_hash text UNIQUE,
        channel text NOT NULL CHECK (channel IN ('email', 'staff')),
        language text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'answered', 'void', 'expired')),
        requested_at timestamptz NOT NULL,
        expires_at timestamptz,
        answered_at timestamptz,
        score smallint CHECK (score BETWEEN 1 AND 5),
        comment text,
        recorded_by_id uuid REFERENCES staff_members (id),
        -- The event that asked (\`resolved:<inquiry>:<at>\`): a redelivered event asks no second time.
        dedupe_key text UNIQUE,
        -- Set when a score of 1–2 went to the owner's direct manager, and when they acknowledged it.
        follow_up_manager_id uuid REFERENCES staff_members (id),
        acknowledged_at timestamptz,
        acknowledged_by_id uuid REFERENCES staff_members (id),
        CHECK ((status = 'answered') = (score IS NOT NULL)),
        CHECK ((status = 'answered') = (answered_at IS NOT NULL))
      )`);
    await db.query('CREATE INDEX rating_requests_inquiry_idx ON rating_requests (inquiry_id)');
    await db.query('CREATE INDEX rating_requests_requested_idx ON rating_requests (requested_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE rating_requests');
  }
}
