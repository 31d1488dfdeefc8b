import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R55.same-channel: a letter that can be posted — the client's postal address beside their other contacts, and
 * each letter's own outgoing number (`S-2027-000012`) from a per-year counter, like the inquiries' registry.
 * Letters issued before get numbers in the order they were written, so every printed letter has one.
 */
export class LettersThatCanBePosted1763900000006 implements MigrationInterface {
  name = 'LettersThatCanBePosted1763900000006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE inquiries ADD COLUMN client_postal_address text`);
    await db.query(`
      CREATE TABLE letter_counters (
        year integer PRIMARY KEY,
        last_number integer NOT NULL
      )`);
    await db.query(`ALTER TABLE letters ADD COLUMN outgoing_number text`);
    // The year of issue in the default time zone (TIME_ZONE is not known here; it differs only on New Year's Eve).
    await db.query(`
      WITH numbered AS (
        SELECT id,
               EXTRACT(YEAR FROM created_at AT TIME ZONE 'Europe/Vilnius')::integer AS year,
               row_number() OVER (PARTITION BY EXTRACT(YEAR FROM created_at AT TIME ZONE 'Europe/Vilnius') ORDER BY created_at, id) AS n
          FROM letters)
      UPDATE letters SET outgoing_number = 'S-' || numbered.year || '-' || lpad(numbered.n::text, 6, '0')
        FROM numbered WHERE letters.id = numbered.id`);
    await db.query(`
      INSERT INTO letter_counters (year, last_number)
      SELECT EXTRACT(YEAR FROM created_at AT TIME ZONE 'Europe/Vilnius')::integer, count(*) FROM letters GROUP BY 1`);
    await db.query(`ALTER TABLE letters ALTER COLUMN outgoing_number SET NOT NULL`);
    await db.query(`ALTER TABLE letters ADD CONSTRAINT letters_outgoing_number_key UNIQUE (outgoing_number)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE letters DROP COLUMN outgoing_number`);
    await db.query(`DROP TABLE letter_counters`);
    await db.query(`ALTER TABLE inquiries DROP COLUMN client_postal_address`);
  }
}
