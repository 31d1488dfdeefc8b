import type { DataSource } from 'typeorm';
import type { MailIntakeFailure, MailIntakeFailures } from '../domain/mailbox.js';

/** The record of e-mails that could not be registered, so one bad message never holds up the ones after it. */
export class TypeormMailIntakeFailures implements MailIntakeFailures {
  constructor(private readonly db: DataSource) {}

  /** Idempotent: a message read again after a crash keeps its first record. */
  async record(failure: MailIntakeFailure): Promise<void> {
    await this.db.query(
      `INSERT INTO mail_intake_failures (mailbox, uid_validity, uid, message_id_hash, reason)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [failure.mailbox, failure.uidValidity, failure.uid, failure.messageIdHash, failure.reason],
    );
  }

  async count(mailbox: string): Promise<number> {
    const [row] = await this.db.query('SELECT count(*)::int AS count FROM mail_intake_failures WHERE mailbox = $1', [mailbox]);
    return Number(row?.count ?? 0);
  }

  async untold(platform: string, limit: number): Promise<Array<MailIntakeFailure & { firstSeenAt: Date }>> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT mailbox, uid_validity, uid, message_id_hash, reason, first_seen_at FROM mail_intake_failures
       WHERE NOT ($1 = ANY (told_on)) ORDER BY first_seen_at, uid LIMIT $2`,
      [platform, limit],
    );
    return rows.map((row) => ({
      mailbox: String(row.mailbox),
      uidValidity: String(row.uid_validity),
      uid: Number(row.uid),
      messageIdHash: String(row.message_id_hash),
      reason: String(row.reason),
      firstSeenAt: new Date(row.first_seen_at as string),
    }));
  }

  async told(platform: string, failure: MailIntakeFailure): Promise<void> {
    await this.db.query(
      `UPDATE mail_intake_failures SET told_on = array_append(told_on, $1)
       WHERE mailbox = $2 AND uid_validity = $3 AND uid = $4 AND NOT ($1 = ANY (told_on))`,
      [platform, failure.mailbox, failure.uidValidity, failure.uid],
    );
  }

  /** True when the database answers at all: tells "it is down" apart from "this message broke a query". */
  async reachable(): Promise<boolean> {
    return this.db.query('SELECT 1').then(
      () => true,
      () => false,
    );
  }
}
