import type { InquiryEventType } from '../../../src/domain/events.js';
import { eventually } from '../../support/app.js';
import type { CastName } from '../cast.js';
import type { PlatformId } from '../drivers/driver.js';
import type { World } from '../world.js';

/** A fresh inquiry of its own, announced on both platforms and claimed by `owner`. */
export async function ownedBy(world: World, owner: CastName, overrides: Record<string, unknown> = {}): Promise<{ inquiryId: string }> {
  const inquiry = await world.newInquiry(overrides);
  await world.app.inquiries.claim(inquiry.id, world.staff[owner].id);
  return { inquiryId: inquiry.id };
}

/** As `ownedBy`, for a cast member the directory lists as inactive: active for the claim, inactive again after. */
export async function ownedByInactive(world: World, owner: CastName): Promise<{ inquiryId: string }> {
  await world.setActive(owner, true);
  try {
    return await ownedBy(world, owner);
  } finally {
    await world.setActive(owner, false);
  }
}

/** An inquiry the owner has answered (R14.reply-1wd met) and, with `resolved`, resolved. */
export async function answeredBy(world: World, owner: CastName, { resolved = false } = {}): Promise<{ inquiryId: string }> {
  const owned = await ownedBy(world, owner);
  await world.app.inquiries.recordFirstReply(owned.inquiryId, world.staff[owner].id);
  if (resolved) await world.app.inquiries.resolve(owned.inquiryId, world.staff[owner].id);
  return owned;
}

/** Monday 14:00: later than the retry window (R31.callback, 30 min) allows after MONDAY_MORNING. */
export const RETRY_AT = new Date('2027-03-01T14:00:00+02:00');

/** A phone client without e-mail: told things by a call (`oral`, R19.status), written to by letter (R31.callback). */
export const PHONE_CLIENT = { channel: 'phone', externalId: null, client: { name: 'Rimas Rimkus', email: null, phone: '+37060000099', language: 'lt' } };
/** A client who wrote a paper letter and left no e-mail: answered by letter (R55.same-channel). */
export const LETTER_CLIENT = { channel: 'letter', externalId: null, client: { name: 'Laima Laiškienė', email: null, phone: null, language: 'lt' } };

/** R31.callback: `by` logs a first missed call on the inquiry, with a retry at RETRY_AT. */
export async function missedOnce(world: World, inquiryId: string, by: CastName): Promise<void> {
  await world.app.calls.logCall(inquiryId, world.staff[by].id, { outcome: 'no_answer', retryAt: RETRY_AT });
}

/** R45.meetings: a meeting on the inquiry, chaired by `chair` and minuted by `recorder`, planned by `by`. */
export async function meetingOn(world: World, inquiryId: string, by: CastName, chair: CastName, recorder: CastName) {
  return world.app.meetings.plan(inquiryId, world.staff[by].id, {
    format: 'in_person',
    startsAt: new Date('2027-03-03T10:00:00+02:00'),
    chairId: world.staff[chair].id,
    recorderId: world.staff[recorder].id,
    agenda: 'Vieta grupėje',
    participants: ['Mama'],
  });
}

/** R24.other-institution: a pending step with `institution`, added by `by`. */
export async function stepOn(world: World, inquiryId: string, by: CastName, institution = 'Savivaldybė') {
  return world.app.externalSteps.add(inquiryId, world.staff[by].id, { institution, what: 'Leidimas priimti', dueAt: new Date('2027-03-10T09:00:00+02:00') });
}

/** R19.status: the noteId of an intermediate result `by` records (the timeline keeps it for "Inform the client"). */
export async function progressNoteOf(world: World, inquiryId: string, by: CastName): Promise<string> {
  await world.app.inquiries.recordProgress(inquiryId, world.staff[by].id, { note: 'Vieta bus nuo rugsėjo', stage: 'intermediate' });
  const { timeline } = await world.app.queries.get(inquiryId);
  return String(timeline.filter((entry) => entry.action === 'progress_recorded').at(-1)!.details.noteId);
}

/** R4.owner: the client answers in the inquiry's thread (registry number in the subject), through the real intake. */
export async function clientWrites(world: World, inquiryId: string): Promise<void> {
  const { inquiry } = await world.app.queries.get(inquiryId);
  const raw = [
    `From: Klientas <${inquiry.client.email}>`,
    'To: rastine@daigelis.lt',
    `Subject: Re: [${inquiry.registryNumber}] ${inquiry.subject}`,
    `Message-ID: <follow-up-${inquiryId}@example.lt>`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'Ar jau žinote atsakymą?',
  ].join('\r\n');
  const outcome = await world.app.mail.intake.process(Buffer.from(raw), world.clock.now());
  if (outcome !== 'appended') throw new Error(`intake: ${outcome}`);
}

/**
 * An e-mail to the client signed by `sender`, queued as the mailer would find it. The contract world has no SMTP
 * server (nothing could compose one), so the row is stored directly; what the mailer then reports is the domain's.
 */
export async function queuedEmail(world: World, inquiryId: string, sender: CastName): Promise<string> {
  const { TypeormClientMailRepository } = await import('../../../src/persistence/client-mail.typeorm-repository.js');
  const { inquiry } = await world.app.queries.get(inquiryId);
  const id = (await import('node:crypto')).randomUUID();
  await new TypeormClientMailRepository(world.app.dataSource.manager).insertEmail({
    id,
    inquiryId,
    purpose: 'reply',
    dedupeKey: null,
    senderId: world.staff[sender].id,
    to: { name: inquiry.client.name, address: inquiry.client.email! },
    subject: `[${inquiry.registryNumber}] Atsakymas`,
    body: 'Atsakymas',
    language: 'lt',
    messageId: `<reply-${id}@daigelis.lt>`,
    inReplyTo: null,
    references: [],
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: world.clock.now(),
    sentAt: null,
  });
  return id;
}

/**
 * The outbox delivers at least once: hands this platform's consumer the inquiry's latest `eventType` again, as a
 * retry after a crash would, once its first delivery is recorded (the row is reset only after it was marked).
 */
export async function redeliver(world: World, platform: PlatformId, inquiryId: string, eventType: InquiryEventType): Promise<void> {
  const delivered = `SELECT id FROM outbox WHERE consumer = $1 AND inquiry_id = $2 AND event_type = $3 AND delivered_at IS NOT NULL ORDER BY id DESC LIMIT 1`;
  const [row] = await eventually(async () => {
    const rows = await world.app.dataSource.query(delivered, [platform, inquiryId, eventType]);
    expect(rows).toHaveLength(1);
    return rows;
  });
  await world.app.dataSource.query(`UPDATE outbox SET delivered_at = NULL, next_attempt_at = now() WHERE id = $1`, [row.id]);
}

/** How many `action` entries the inquiry's timeline has (R12.records: every event is one). */
export async function timelineCount(world: World, inquiryId: string, action: InquiryEventType): Promise<number> {
  const { timeline } = await world.app.queries.get(inquiryId);
  return timeline.filter((entry) => entry.action === action).length;
}

/** A silent row proves nothing unless the event did happen: the inquiry's timeline has it. */
export async function happened(world: World, inquiryId: string, action: InquiryEventType): Promise<void> {
  if ((await timelineCount(world, inquiryId, action)) === 0) throw new Error(`no ${action} on the timeline`);
}

/** Which outbox consumers an inquiry's `eventType` was written for (one row per consumer and event), sorted. */
export async function consumersOf(world: World, inquiryId: string, eventType: InquiryEventType): Promise<string[]> {
  const rows: Array<{ consumer: string }> = await world.app.dataSource.query(`SELECT DISTINCT consumer FROM outbox WHERE inquiry_id = $1 AND event_type = $2 ORDER BY consumer`, [inquiryId, eventType]);
  return rows.map((row) => row.consumer);
}
