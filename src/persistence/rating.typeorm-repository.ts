import type { DataSource, EntityManager } from 'typeorm';
import type { EventConsumer } from '../domain/notifier.js';
import type { RatingRepository, RatingRequest, RatingScope } from '../domain/rating.js';
import { TypeormClientMailRepository } from './client-mail.typeorm-repository.js';
import { TypeormUnitOfWork } from './unit-of-work.typeorm.js';

export interface RatingRow {
  id: string;
  inquiry_id: string;
  channel: RatingRequest['channel'];
  language: string;
  status: RatingRequest['status'];
  requested_at: Date;
  expires_at: Date | null;
  answered_at: Date | null;
  score: number | string | null;
  comment: string | null;
  recorded_by_id: string | null;
  dedupe_key: string | null;
  follow_up_manager_id: string | null;
  acknowledged_at: Date | null;
  acknowledged_by_id: string | null;
}

/** Every column but the token's hash, which never leaves the database. */
export const RATING_COLUMNS = `id, inquiry_id, channel, language, status, requested_at, expires_at, answered_at, score, comment, recorded_by_id,
  dedupe_key, follow_up_manager_id, acknowledged_at, acknowledged_by_id`;

/** RatingRepository on PostgreSQL (`rating_requests`), bound to one transaction's EntityManager. */
export class TypeormRatingRepository implements RatingRepository {
  constructor(private readonly db: EntityManager) {}

  async insert(request: RatingRequest, tokenHash: string | null): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO rating_requests (id, inquiry_id, token_hash, channel, language, status, requested_at, expires_at, answered_at, score, comment,
         recorded_by_id, dedupe_key, follow_up_manager_id, acknowledged_at, acknowledged_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (institution_id, dedupe_key) DO NOTHING RETURNING id`,
      [
        request.id, request.inquiryId, tokenHash, request.channel, request.language, request.status, request.requestedAt, request.expiresAt,
        request.answeredAt, request.score, request.comment, request.recordedById, request.dedupeKey, request.followUpManagerId,
        request.acknowledgedAt, request.acknowledgedById,
      ],
    );
    return rows.length === 1;
  }

  async findByTokenHash(tokenHash: string, lock: boolean): Promise<RatingRequest | null> {
    const rows: RatingRow[] = await this.db.query(`SELECT ${RATING_COLUMNS} FROM rating_requests WHERE token_hash = $1${lock ? ' FOR UPDATE' : ''}`, [tokenHash]);
    return rows[0] ? toRatingRequest(rows[0]) : null;
  }

  async ofInquiry(inquiryId: string): Promise<RatingRequest[]> {
    const rows: RatingRow[] = await this.db.query(
      `SELECT ${RATING_COLUMNS} FROM rating_requests WHERE inquiry_id = $1 ORDER BY requested_at, id FOR UPDATE`,
      [inquiryId],
    );
    return rows.map(toRatingRequest);
  }

  async update(request: RatingRequest): Promise<void> {
    await this.db.query(
      `UPDATE rating_requests SET status = $2, answered_at = $3, score = $4, comment = $5, recorded_by_id = $6, follow_up_manager_id = $7,
         acknowledged_at = $8, acknowledged_by_id = $9 WHERE id = $1`,
      [request.id, request.status, request.answeredAt, request.score, request.comment, request.recordedById, request.followUpManagerId, request.acknowledgedAt, request.acknowledgedById],
    );
  }

  async askedSince(clientEmail: string, since: Date): Promise<boolean> {
    const address = clientEmail.trim().toLowerCase();
    // One client, one asker at a time: the lock lasts until the transaction ends.
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('rating:' || $1))`, [address]);
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM rating_requests r JOIN inquiries i ON i.id = r.inquiry_id
       WHERE r.channel = 'email' AND lower(i.client_email) = $1 AND r.requested_at >= $2 LIMIT 1`,
      [address, since],
    );
    return rows.length > 0;
  }
}

export function toRatingRequest(row: RatingRow): RatingRequest {
  return {
    id: row.id,
    inquiryId: row.inquiry_id,
    channel: row.channel,
    language: row.language === 'en' ? 'en' : 'lt',
    status: row.status,
    requestedAt: new Date(row.requested_at),
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    answeredAt: row.answered_at ? new Date(row.answered_at) : null,
    score: row.score === null ? null : Number(row.score),
    comment: row.comment,
    recordedById: row.recorded_by_id,
    dedupeKey: row.dedupe_key,
    followUpManagerId: row.follow_up_manager_id,
    acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at) : null,
    acknowledgedById: row.acknowledged_by_id,
  };
}

/** The core's unit of work plus the client's e-mail conversation and the rating requests, in one transaction. */
export function ratingUnitOfWork(
  dataSource: DataSource,
  consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[],
  afterCommit?: () => void,
): TypeormUnitOfWork<RatingScope> {
  return new TypeormUnitOfWork<RatingScope>(dataSource, consumers, afterCommit, (manager, scope) => ({
    ...scope,
    mail: new TypeormClientMailRepository(manager),
    ratings: new TypeormRatingRepository(manager),
  }));
}
