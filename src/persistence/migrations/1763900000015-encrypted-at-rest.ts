import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Health data at rest (issue #15): an attachment's content and a printable letter's text move to `sealed_*` columns
 * (AES-256-GCM, the key's id in front; src/persistence/encryption.ts). The keys are not known to a migration, so
 * rows written before stay readable in their plaintext column until the start that follows seals them
 * (`sealPlaintextRows`, run by `connectDatabase` at every start, a no-op once done); a row never holds both.
 */
export class EncryptedAtRest1763900000015 implements MigrationInterface {
  name = 'EncryptedAtRest1763900000015';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mail_attachments ADD COLUMN sealed_content bytea`);
    await db.query(`ALTER TABLE mail_attachments ADD CONSTRAINT mail_attachments_sealed_or_plain CHECK (content IS NULL OR sealed_content IS NULL)`);
    await db.query(`ALTER TABLE letters ADD COLUMN sealed_body bytea`);
    await db.query(`ALTER TABLE letters ALTER COLUMN body DROP NOT NULL`);
    await db.query(`ALTER TABLE letters ADD CONSTRAINT letters_sealed_or_plain CHECK ((body IS NULL) <> (sealed_body IS NULL))`);
  }

  async down(): Promise<void> {
    // Going back would need the keys to write the plaintext again: decrypt with the application first.
    throw new Error('EncryptedAtRest1763900000015 cannot be reverted: the sealed values need the application and its keys to open');
  }
}
