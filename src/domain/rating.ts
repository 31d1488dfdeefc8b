import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from './errors.js';
import type { Inquiry } from './inquiry.js';
import type { MessagingScope } from './messaging-unit-of-work.js';

/**
 * R60.external: clients rate the service (1–5 and a comment) after their inquiry is resolved. An e-mail client is
 * asked by e-mail (five one-click links carrying one single-use token); staff record a phone or in-person client's
 * answer themselves. Plain TypeScript behind the `RatingRepository` port.
 */

export const RATING_CHANNELS = ['email', 'staff'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

export const RATING_STATUSES = ['pending', 'answered', 'void', 'expired'] as const;
export type RatingStatus = (typeof RATING_STATUSES)[number];

/** Fixed by the issue: a link in the e-mail works for 28 days. */
export const RATING_TOKEN_DAYS = 28;
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
/** A score this low or lower sends the owner's direct manager a follow-up notice. */
export const LOW_SCORE_MAX = 2;
export const RATING_COMMENT_MAX = 2_000;

/** Inquiries that came in writing whose client is asked by e-mail; phone and in-person ones are rated by staff. */
const ASKED_BY_EMAIL: ReadonlySet<Inquiry['channel']> = new Set(['email', 'web']);
const RATED_BY_STAFF: ReadonlySet<Inquiry['channel']> = new Set(['phone', 'in_person']);

/** One request for a rating, and the answer once given (R12.records). The token itself is never stored. */
export interface RatingRequest {
  id: string;
  inquiryId: string;
  channel: RatingChannel;
  /** The client's language (R33.language): the e-mail and the rating page speak it. */
  language: 'lt' | 'en';
  status: RatingStatus;
  requestedAt: Date;
  /** Null for a rating staff recorded (nothing to expire). */
  expiresAt: Date | null;
  answeredAt: Date | null;
  score: number | null;
  /** The client's own words; kept and shown in the timeline's record, never in a chat message. */
  comment: string | null;
  /** Staff member who recorded a phone or in-person client's answer. */
  recordedById: string | null;
  /** The event that asked (`resolved:<inquiry>:<at>`), so a redelivered event asks no second time. */
  dedupeKey: string | null;
  /** The owner's direct manager, told of a score of 1–2. */
  followUpManagerId: string | null;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
}

/** Storage of rating requests; every method runs inside the caller's transaction. */
export interface RatingRepository {
  /** Stores a new request with the hash of its token (null for staff); false when its dedupe key exists already. */
  insert(request: RatingRequest, tokenHash: string | null): Promise<boolean>;
  /** The request a link's token hash names, locked for the rest of the transaction when `lock`. */
  findByTokenHash(tokenHash: string, lock: boolean): Promise<RatingRequest | null>;
  /** The inquiry's requests, oldest first, locked. */
  ofInquiry(inquiryId: string): Promise<RatingRequest[]>;
  update(request: RatingRequest): Promise<void>;
  /**
   * Whether a client with this e-mail address (case-insensitive) was asked by e-mail at or after `since`. Takes a
   * transaction lock on the address first, so two inquiries of one client resolved at once ask only once.
   */
  askedSince(clientEmail: string, since: Date): Promise<boolean>;
}

/** A transaction that reaches the client's conversation (to e-mail the request) and the rating requests. */
export interface RatingScope extends MessagingScope {
  ratings: RatingRepository;
}

export interface RatingUnitOfWork {
  run<T>(work: (scope: RatingScope) => Promise<T>): Promise<T>;
}

/** A new token for the e-mail's links: 256 random bits, URL-safe. */
export function newRatingToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored in place of the token: whoever reads the database cannot rate in the client's name. */
export function hashRatingToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The shape of a token in a URL; anything else is bad input, refused before the database is asked. */
export const RATING_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;

/**
 * Whether the inquiry is in the sampled share of resolved inquiries: the same answer every time for one inquiry
 * (the first 32 bits of a hash of its id against the share), so 1 asks every client and 0 none.
 */
export function isSampled(inquiryId: string, share: number): boolean {
  if (share >= 1) return true;
  if (share <= 0) return false;
  const point = createHash('sha256').update(inquiryId, 'utf8').digest().readUInt32BE(0) / 2 ** 32;
  return point < share;
}

/** Whether the client of this inquiry is asked for a rating by e-mail when it is resolved. */
export function askedByEmail(inquiry: Pick<Inquiry, 'channel' | 'client'>): boolean {
  return ASKED_BY_EMAIL.has(inquiry.channel) && inquiry.client.email !== null;
}

/** Whether staff record this client's rating (a phone or in-person inquiry). */
export function ratedByStaff(inquiry: Pick<Inquiry, 'channel'>): boolean {
  return RATED_BY_STAFF.has(inquiry.channel);
}

/** Why a link no longer records a rating; the page explains each. */
export type RatingClosedReason = 'used' | 'expired' | 'void';

/** What a link leads to now: a rating still to give, or why not. */
export function ratingLinkState(request: RatingRequest, inquiry: Pick<Inquiry, 'status'>, now: Date): 'open' | RatingClosedReason {
  if (request.status === 'answered') return 'used';
  if (request.status === 'void') return 'void';
  if (request.status === 'expired' || (request.expiresAt !== null && request.expiresAt.getTime() <= now.getTime())) return 'expired';
  // A reopened inquiry voids its request; until the outbox has done so, the inquiry's own status says it.
  if (inquiry.status !== 'resolved' && inquiry.status !== 'closed') return 'void';
  return 'open';
}

/** The client's (or staff's) answer, parsed at the boundary: a score 1–5 and an optional comment. */
export const ratingAnswerSchema = z.object({
  score: z.coerce.number().int().min(1).max(5),
  comment: z
    .string()
    .max(RATING_COMMENT_MAX)
    .nullish()
    .transform((value) => (value?.trim() ? value.trim() : null)),
});
export type RatingAnswerInput = z.input<typeof ratingAnswerSchema>;
export type RatingAnswer = z.output<typeof ratingAnswerSchema>;

export class RatingNotFoundError extends DomainError {
  constructor() {
    super('RATING.NOT_FOUND', 'There is no such rating request');
  }
}

/** A link that was used, expired or voided; `language` lets the page explain it in the client's language. */
export class RatingClosedError extends DomainError {
  constructor(
    readonly reason: RatingClosedReason,
    readonly language: 'lt' | 'en',
  ) {
    super('RATING.CLOSED', `The rating request is ${reason}`, { reason });
  }
}

export class AlreadyRatedError extends DomainError {
  constructor(registryNumber: string) {
    super('RATING.ALREADY_RATED', `Inquiry ${registryNumber} has been rated already`, { registryNumber });
  }
}
