import { randomUUID } from 'node:crypto';
import type { ClientEmailComposer } from './client-email-composer.js';
import { mailLanguage, requireSignature, type ClientMailTemplates } from './client-message.js';
import type { Clock } from './clock.js';
import { assertOwnerOrSupervisor, changeInquiry, emitEvent, type CommandContext, type EventBody } from './command-support.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { DomainError, InquiryNotFoundError } from './errors.js';
import type { InquiryEvent } from './events.js';
import { assertCan, type Inquiry } from './inquiry.js';
import {
  AlreadyRatedError,
  askedByEmail,
  hashRatingToken,
  isSampled,
  LOW_SCORE_MAX,
  newRatingToken,
  RATING_SCORES,
  RATING_TOKEN_DAYS,
  ratingAnswerSchema,
  RatingClosedError,
  ratingLinkState,
  RatingNotFoundError,
  type RatingAnswerInput,
  type RatingClosedReason,
  type RatingRequest,
  type RatingScope,
  type RatingUnitOfWork,
} from './rating.js';
import type { StaffMember } from './staff.js';
import { toStorableText } from './storable-text.js';
import { parseInput } from './validation.js';

const DAY_MS = 24 * 3_600_000;

export interface RatingOptions {
  /** Outgoing e-mail is configured: without it nobody is asked by e-mail. */
  emailEnabled: boolean;
  /** RATING_SAMPLE_SHARE: the share (0–1) of resolved inquiries whose client is asked. */
  sampleShare: number;
  /** RATING_COOLDOWN_DAYS: a client (by e-mail address) is asked at most once in this many days. */
  cooldownDays: number;
  /** The public address of the rating page for a token and a score (src/web/rating.ts). */
  ratingUrl: (token: string, score: number) => string;
}

/** What a `resolved` or `reopened` event did here, for the consumer's log line (ids and reasons, no personal data). */
export type RequestOutcome =
  | 'asked' | 'already_asked' | 'not_sampled' | 'cooldown' | 'not_by_email' | 'email_off' | 'unsigned' | 'voided' | 'ignored';

/** What a rating link shows before anything is recorded (a GET changes nothing: mail scanners open links). */
export type RatingLinkView =
  | { readonly state: 'open'; readonly language: 'lt' | 'en'; readonly registryNumber: string }
  | { readonly state: RatingClosedReason; readonly language: 'lt' | 'en' };

/**
 * R60.external, client ratings: asks e-mail clients when their inquiry is resolved (sampled, at most once per
 * cooldown per client, voided when reopened), records their answer from the public page, and lets staff record
 * a phone or in-person client's answer. A score of 1–2 names the owner's direct manager for a follow-up.
 */
export class RatingService {
  private readonly commands: CommandContext<RatingScope>;

  constructor(
    private readonly unitOfWork: RatingUnitOfWork,
    private readonly composer: ClientEmailComposer,
    private readonly templates: Pick<ClientMailTemplates, 'formatDate'>,
    policy: DeadlinePolicy,
    private readonly clock: Clock,
    private readonly options: RatingOptions,
  ) {
    this.commands = { unitOfWork, policy, clock };
  }

  /**
   * The outbox's `resolved` and `reopened`: asks the client by e-mail, or voids what is pending. Idempotent: a
   * redelivered `resolved` finds its request by the event's dedupe key and sends nothing again.
   */
  async onEvent(event: InquiryEvent): Promise<RequestOutcome> {
    if (event.type === 'reopened') return this.voidPending(event.inquiryId, 'reopened');
    if (event.type !== 'resolved') return 'ignored';
    if (!this.options.emailEnabled) return 'email_off';
    if (!isSampled(event.inquiryId, this.options.sampleShare)) return 'not_sampled';
    return this.unitOfWork.run(async (scope) => {
      const inquiry = await scope.inquiries.getForUpdate(event.inquiryId);
      if (!inquiry) throw new InquiryNotFoundError(event.inquiryId);
      // Reopened (or reopened and resolved again) since: a later event decides.
      if ((inquiry.status !== 'resolved' && inquiry.status !== 'closed') || inquiry.resolvedAt?.toISOString() !== event.at) return 'ignored';
      if (!askedByEmail(inquiry) || !event.actorId) return 'not_by_email';
      const dedupeKey = `resolved:${event.inquiryId}:${event.at}`;
      if ((await scope.ratings.ofInquiry(inquiry.id)).some((request) => request.dedupeKey === dedupeKey)) return 'already_asked';
      const now = this.clock.now();
      const since = new Date(now.getTime() - this.options.cooldownDays * DAY_MS);
      if (this.options.cooldownDays > 0 && (await scope.ratings.askedSince(inquiry.client.email!, since))) return 'cooldown';
      const signer = await scope.staff.findById(event.actorId);
      if (!signer || !signed(signer)) return 'unsigned';
      return this.ask(scope, inquiry, signer, dedupeKey, now);
    });
  }

  /** The request, its token's hash, the e-mail with the five links and `rating_requested`, in one transaction. */
  private async ask(scope: RatingScope, inquiry: Inquiry, signer: StaffMember, dedupeKey: string, now: Date): Promise<RequestOutcome> {
    const token = newRatingToken();
    const language = mailLanguage(inquiry.client.language);
    const request: RatingRequest = {
      ...blankRequest(inquiry.id, 'email', language, now),
      status: 'pending',
      expiresAt: new Date(now.getTime() + RATING_TOKEN_DAYS * DAY_MS),
      dedupeKey,
    };
    if (!(await scope.ratings.insert(request, hashRatingToken(token)))) return 'already_asked';
    const ratingLinks = RATING_SCORES.map((score) => this.options.ratingUrl(token, score));
    const ratingExpires = this.templates.formatDate(request.expiresAt!, language);
    await this.composer.compose(scope, inquiry, signer, 'rating', { ratingLinks, ratingExpires }, `rating:${dedupeKey}`);
    await emitEvent(scope, inquiry, null, { type: 'rating_requested', ratingId: request.id, channel: 'email' }, now);
    return 'asked';
  }

  /** What a link shows: the form to rate, or why it no longer can. Reads only. */
  async view(token: string): Promise<RatingLinkView> {
    return this.unitOfWork.run(async (scope) => {
      const request = await scope.ratings.findByTokenHash(hashRatingToken(token), false);
      if (!request) throw new RatingNotFoundError();
      const inquiry = await scope.inquiries.findById(request.inquiryId);
      if (!inquiry) throw new RatingNotFoundError();
      const state = ratingLinkState(request, inquiry, this.clock.now());
      return state === 'open' ? { state, language: request.language, registryNumber: inquiry.registryNumber } : { state, language: request.language };
    });
  }

  /**
   * The client's answer from the rating page: recorded once (the token is then used), with `rated` on the timeline.
   * A used, expired or voided link is refused with `RatingClosedError` (an expired one is marked so first).
   */
  async answer(token: string, input: RatingAnswerInput): Promise<{ language: 'lt' | 'en'; score: number }> {
    const answer = parseInput(ratingAnswerSchema, input);
    const tokenHash = hashRatingToken(token);
    const result = await this.unitOfWork.run(async (scope) => {
      const found = await scope.ratings.findByTokenHash(tokenHash, false);
      if (!found) throw new RatingNotFoundError();
      // The inquiry first, as every command locks it: a reopen cannot slip in between.
      const inquiry = await scope.inquiries.getForUpdate(found.inquiryId);
      const request = await scope.ratings.findByTokenHash(tokenHash, true);
      if (!inquiry || !request) throw new RatingNotFoundError();
      const now = this.clock.now();
      const state = ratingLinkState(request, inquiry, now);
      if (state !== 'open') {
        if (state === 'expired' && request.status === 'pending') await scope.ratings.update({ ...request, status: 'expired' });
        return { closed: state, language: request.language };
      }
      await this.recordAnswer(scope, inquiry, request, answer.score, answer.comment, null, now);
      return { closed: null, language: request.language };
    });
    if (result.closed) throw new RatingClosedError(result.closed, result.language);
    return { language: result.language, score: answer.score };
  }

  /**
   * Staff record a phone or in-person client's answer (owner or manager, once the inquiry is resolved or closed).
   * A pending e-mail request gives way to it; a second rating of one resolution is refused.
   */
  async record(inquiryId: string, staffId: string, input: RatingAnswerInput): Promise<Inquiry> {
    const answer = parseInput(ratingAnswerSchema, input);
    return changeInquiry(this.commands, inquiryId, staffId, async (scope, inquiry, actor, now) => {
      assertCan(inquiry, 'record_rating');
      assertOwnerOrSupervisor(inquiry, actor, 'record a rating');
      const requests = await scope.ratings.ofInquiry(inquiry.id);
      if (requests.some((request) => request.status === 'answered' && isSince(request.answeredAt, inquiry.resolvedAt))) {
        throw new AlreadyRatedError(inquiry.registryNumber);
      }
      const events: EventBody[] = [];
      for (const pending of requests.filter((request) => request.status === 'pending')) {
        await scope.ratings.update({ ...pending, status: 'void' });
        events.push({ type: 'rating_voided', ratingId: pending.id, reason: 'recorded_by_staff' });
      }
      const request: RatingRequest = { ...blankRequest(inquiry.id, 'staff', mailLanguage(inquiry.client.language), now), recordedById: actor.id };
      await scope.ratings.insert(request, null);
      events.push(await this.answered(scope, inquiry, request, answer.score, answer.comment, actor.id, now));
      return events;
    });
  }

  /** The owner's direct manager acknowledges the follow-up of a low score; a second click changes nothing. */
  acknowledge(inquiryId: string, staffId: string): Promise<Inquiry> {
    return changeInquiry(this.commands, inquiryId, staffId, async (scope, _inquiry, actor, now) => {
      const request = (await scope.ratings.ofInquiry(inquiryId)).reverse().find((candidate) => candidate.followUpManagerId !== null);
      if (!request) throw new RatingNotFoundError();
      if (request.followUpManagerId !== actor.id) {
        throw new DomainError('RATING.NOT_RECIPIENT', 'Only the manager told of this rating may acknowledge it');
      }
      if (request.acknowledgedAt !== null) return [];
      await scope.ratings.update({ ...request, acknowledgedAt: now, acknowledgedById: actor.id });
      return [{ type: 'rating_acknowledged', ratingId: request.id, managerId: actor.id, score: request.score! }];
    });
  }

  /** The inquiry's rating requests, oldest first (R12.records). */
  ratingsOf(inquiryId: string): Promise<RatingRequest[]> {
    return this.unitOfWork.run((scope) => scope.ratings.ofInquiry(inquiryId));
  }

  /** A reopened inquiry voids its pending request, each with `rating_voided` on the timeline. */
  private voidPending(inquiryId: string, reason: 'reopened'): Promise<RequestOutcome> {
    return this.unitOfWork.run(async (scope) => {
      const inquiry = await scope.inquiries.getForUpdate(inquiryId);
      if (!inquiry) throw new InquiryNotFoundError(inquiryId);
      const pending = (await scope.ratings.ofInquiry(inquiryId)).filter((request) => request.status === 'pending');
      const now = this.clock.now();
      for (const request of pending) {
        await scope.ratings.update({ ...request, status: 'void' });
        await emitEvent(scope, inquiry, null, { type: 'rating_voided', ratingId: request.id, reason }, now);
      }
      return pending.length > 0 ? 'voided' : 'ignored';
    });
  }

  /** The client's own answer: stored, then `rated` on the timeline and in the outbox (nobody acted: the client did). */
  private async recordAnswer(scope: RatingScope, inquiry: Inquiry, request: RatingRequest, score: number, comment: string | null, actorId: string | null, now: Date): Promise<void> {
    const event = await this.answered(scope, inquiry, request, score, comment, actorId, now);
    await emitEvent(scope, inquiry, actorId, event, now);
  }

  /** Stores the answer; a score of 1–2 names the owner's direct manager, who is told (and nobody else). */
  private async answered(scope: RatingScope, inquiry: Inquiry, request: RatingRequest, score: number, rawComment: string | null, actorId: string | null, now: Date): Promise<EventBody> {
    const comment = rawComment === null ? null : toStorableText(rawComment);
    const owner = inquiry.ownerId ? await scope.staff.findById(inquiry.ownerId) : null;
    const managerId = score <= LOW_SCORE_MAX ? (owner?.managerId ?? null) : null;
    await scope.ratings.update({ ...request, status: 'answered', score, comment, answeredAt: now, recordedById: actorId, followUpManagerId: managerId });
    return { type: 'rated', ratingId: request.id, score, channel: request.channel, comment, ownerId: inquiry.ownerId, managerId };
  }
}

function blankRequest(inquiryId: string, channel: RatingRequest['channel'], language: 'lt' | 'en', now: Date): RatingRequest {
  return {
    id: randomUUID(),
    inquiryId,
    channel,
    language,
    status: 'pending',
    requestedAt: now,
    expiresAt: null,
    answeredAt: null,
    score: null,
    comment: null,
    recordedById: null,
    dedupeKey: null,
    followUpManagerId: null,
    acknowledgedAt: null,
    acknowledgedById: null,
  };
}

/** R36.signature: the request goes out under the resolver's name only when it can be signed. */
function signed(member: StaffMember): boolean {
  try {
    requireSignature(member, '');
    return true;
  } catch {
    return false;
  }
}

/** Whether `at` is at or after `since` (a rating of this resolution, not of one before a reopen). */
function isSince(at: Date | null, since: Date | null): boolean {
  return at !== null && (since === null || at.getTime() >= since.getTime());
}
