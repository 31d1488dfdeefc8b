import { Writable } from 'node:stream';
import type { RunningApp } from '../../src/app.js';
import { DomainError } from '../../src/domain/errors.js';
import type { StaffMember } from '../../src/domain/staff.js';
import { createLogger } from '../../src/logger.js';
import { emailedRequest, eventually, ManualClock, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { mailEnvironment, SmtpReceiver } from '../support/smtp-receiver.js';

/**
 * R60.external on the whole service (PostgreSQL, outbox, SMTP, the public page): the rating e-mail, the one-click
 * links and their single use, expiry, cooldown and sampling, staff recording a phone client's answer, and the
 * log and the chat staying free of what the client wrote.
 */

const MONDAY = '2027-03-01T10:00:00+02:00';
const COMMENT = 'Atsakymo laukiau per ilgai, Žemaitienė';
let sequence = 0;

interface Harness {
  t: TestApp;
  app: RunningApp;
  smtp: SmtpReceiver;
  clock: ManualClock;
  notifier: RecordingNotifier;
  staff: Record<'manager' | 'ona' | 'jonas' | 'rasa', StaffMember>;
  log: string[];
}

async function start(env: Record<string, string> = {}): Promise<Harness> {
  const smtp = await new SmtpReceiver().start();
  const clock = new ManualClock(new Date(MONDAY));
  const notifier = new RecordingNotifier();
  const log: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (log.push(String(chunk)), done()) });
  const t = await startTestApp({ clock, notifiers: [notifier] }, undefined, { ...mailEnvironment(smtp), ...env }, createLogger('trace', sink));
  const staff = await seedStaff(t.app);
  return { t, app: t.app, smtp, clock, notifier, staff, log };
}

async function stop(h: Harness | undefined): Promise<void> {
  await h?.t.stop();
  await h?.smtp.stop();
}

/** An e-mailed inquiry of `email`'s client, claimed, answered and resolved by ona. */
async function resolvedFor(h: Harness, email: string, overrides: Record<string, unknown> = {}): Promise<string> {
  sequence += 1;
  const { inquiry } = await h.app.inquiries.register(emailedRequest({ subject: `Dėl vietos ${sequence}`, client: { name: 'Giedrė Žemaitienė', email, phone: null, language: 'lt' }, ...overrides }));
  await h.app.inquiries.claim(inquiry.id, h.staff.ona.id);
  await h.app.inquiries.recordFirstReply(inquiry.id, h.staff.ona.id);
  await h.app.inquiries.resolve(inquiry.id, h.staff.ona.id);
  return inquiry.id;
}

const ratingMails = (h: Harness, email: string) => h.smtp.to(email).filter((mail) => /\/rating\//.test(mail.parsed.text ?? ''));

/** The token of the one rating e-mail `email` got. */
async function tokenFor(h: Harness, email: string): Promise<string> {
  return eventually(() => {
    const [mail] = ratingMails(h, email);
    const match = /\/rating\/([A-Za-z0-9_-]+)\?score=1/.exec(mail?.parsed.text ?? '');
    expect(match).not.toBeNull();
    return match![1]!;
  });
}

const page = (h: Harness, path: string) => fetch(`${h.app.url}${path}`);
const post = (h: Harness, token: string, fields: Record<string, string>) =>
  fetch(`${h.app.url}/rating/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const requestsOf = (h: Harness, inquiryId: string): Promise<Array<{ status: string; score: number | null; token_hash: string | null }>> =>
  h.app.dataSource.query('SELECT status, score, token_hash FROM rating_requests WHERE inquiry_id = $1 ORDER BY requested_at', [inquiryId]);

describe('R60.external: client ratings on the whole service', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await start();
  });
  afterAll(() => stop(h));
  beforeEach(() => h.clock.set(MONDAY));

  it('R60.external: resolving asks the e-mail client once in their language with five links of one token; a redelivered `resolved` sends nothing again', async () => {
    const email = `klientas.a${sequence}@example.lt`;
    const inquiryId = await resolvedFor(h, email);
    const token = await tokenFor(h, email);
    const [mail] = ratingMails(h, email);
    expect(mail!.parsed.subject).toMatch(/^\[\d{4}-\d{6}\] Kaip jums padėjome\?/);
    expect(mail!.parsed.text).toContain('Laba diena, Giedrė Žemaitienė,');
    // R36.signature: signed by whoever resolved it.
    expect(mail!.parsed.text).toContain('Ona Onaitė');
    const [stored] = await requestsOf(h, inquiryId);
    // Only the hash is kept.
    expect(stored).toMatchObject({ status: 'pending', score: null });
    expect(stored!.token_hash).not.toContain(token);

    const [row] = await h.app.dataSource.query(`SELECT id FROM outbox WHERE consumer = 'rating-mail' AND inquiry_id = $1 AND event_type = 'resolved'`, [inquiryId]);
    await eventually(async () => expect((await h.app.dataSource.query('SELECT delivered_at FROM outbox WHERE id = $1', [row.id]))[0].delivered_at).not.toBeNull());
    await h.app.dataSource.query('UPDATE outbox SET delivered_at = NULL, next_attempt_at = now() WHERE id = $1', [row.id]);
    await eventually(async () => expect((await h.app.dataSource.query('SELECT delivered_at FROM outbox WHERE id = $1', [row.id]))[0].delivered_at).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ratingMails(h, email)).toHaveLength(1);
    expect(await requestsOf(h, inquiryId)).toHaveLength(1);
    const { timeline } = await h.app.queries.get(inquiryId);
    expect(timeline.filter((entry) => entry.action === 'rating_requested')).toHaveLength(1);
  });

  it('R60.external: opening a link changes nothing (mail scanners prefetch); the POST records once; used, void and expired links get 410, bad input 400, an unknown token 404', async () => {
    const email = `klientas.b${sequence}@example.lt`;
    const inquiryId = await resolvedFor(h, email);
    const token = await tokenFor(h, email);

    for (let i = 0; i < 2; i += 1) {
      const opened = await page(h, `/rating/${token}?score=2`);
      expect(opened.status).toBe(200);
      const html = await opened.text();
      expect(html).toMatch(/<input type="radio" name="score" value="2" checked/);
      expect(html).toContain('lang="lt"');
    }
    expect((await requestsOf(h, inquiryId))[0]).toMatchObject({ status: 'pending', score: null });
    expect(await (await page(h, `/rating/${token}?score=2&lang=en`)).text()).toContain('Rate how we helped you');

    expect((await page(h, `/rating/${token}?score=9`)).status).toBe(400);
    expect((await page(h, '/rating/short?score=2')).status).toBe(400);
    expect((await page(h, `/rating/${'x'.repeat(43)}?score=2`)).status).toBe(404);
    const missing = await post(h, token, { comment: 'be balo' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('be balo');

    const recorded = await post(h, token, { score: '2', comment: COMMENT });
    expect(recorded.status).toBe(200);
    expect(recorded.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await requestsOf(h, inquiryId))[0]).toMatchObject({ status: 'answered', score: 2 });
    const again = await post(h, token, { score: '5' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Įvertinimą jau gavome');
    expect((await page(h, `/rating/${token}?score=5`)).status).toBe(410);
    expect((await requestsOf(h, inquiryId))[0]).toMatchObject({ status: 'answered', score: 2 });

    // The score and the comment join the timeline; the owner's manager is named for the follow-up.
    await eventually(() => expect(h.notifier.ofType('rated').filter((event) => event.inquiryId === inquiryId)).toHaveLength(1));
    const { timeline } = await h.app.queries.get(inquiryId);
    const rated = timeline.find((entry) => entry.action === 'rated')!;
    expect(rated.actorId).toBeNull();
    expect(rated.details).toMatchObject({ score: 2, comment: COMMENT, managerId: h.staff.manager.id, ownerId: h.staff.ona.id, channel: 'email' });
  });

  it('R60.external: a link works for 28 days; after that the page says so (410) and the request is marked expired', async () => {
    const email = `klientas.c${sequence}@example.lt`;
    const inquiryId = await resolvedFor(h, email);
    const token = await tokenFor(h, email);
    h.clock.set('2027-03-29T09:59:00+02:00');
    expect((await page(h, `/rating/${token}?score=4`)).status).toBe(200);
    h.clock.set('2027-03-29T10:00:01+02:00');
    const expired = await page(h, `/rating/${token}?score=4`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('galiojimas baigėsi');
    expect((await post(h, token, { score: '4' })).status).toBe(410);
    expect((await requestsOf(h, inquiryId))[0]).toMatchObject({ status: 'expired', score: null });
  });

  it('R60.external: a reopened inquiry voids its pending request; the link then explains it (410)', async () => {
    const email = `klientas.d${sequence}@example.lt`;
    const inquiryId = await resolvedFor(h, email);
    const token = await tokenFor(h, email);
    await h.app.inquiries.reopen(inquiryId, h.staff.ona.id, 'Klientas dar klausia');
    // Refused at once by the inquiry's status, then voided by the outbox.
    expect((await post(h, token, { score: '3' })).status).toBe(410);
    await eventually(async () => expect((await requestsOf(h, inquiryId))[0]).toMatchObject({ status: 'void' }));
    expect(await (await page(h, `/rating/${token}?score=3`)).text()).toContain('vėl nagrinėjamas');
  });

  it('R60.external: a client (same e-mail, any case) is asked at most once per cooldown', async () => {
    const email = `klientas.e${sequence}@example.lt`;
    await resolvedFor(h, email);
    await tokenFor(h, email);
    const second = await resolvedFor(h, email.toUpperCase());
    await eventually(async () => {
      const [row] = await h.app.dataSource.query(`SELECT delivered_at FROM outbox WHERE consumer = 'rating-mail' AND inquiry_id = $1`, [second]);
      expect(row.delivered_at).not.toBeNull();
    });
    expect(await requestsOf(h, second)).toEqual([]);
    expect(ratingMails(h, email)).toHaveLength(1);
  });

  it('R60.external: staff record a phone client’s answer on a resolved inquiry (owner or manager), once; refused before it is resolved', async () => {
    sequence += 1;
    const { inquiry } = await h.app.inquiries.register(
      emailedRequest({ channel: 'phone', externalId: null, subject: `Telefonu ${sequence}`, client: { name: 'Rimas Rimkus', email: null, phone: '+37060000099', language: 'lt' } }),
    );
    await h.app.inquiries.claim(inquiry.id, h.staff.ona.id);
    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof DomainError ? error.code : error));
    expect(await refusal(h.app.ratings.record(inquiry.id, h.staff.ona.id, { score: 3 }))).toBe('INQUIRY.INVALID_TRANSITION');
    await h.app.inquiries.recordFirstReply(inquiry.id, h.staff.ona.id);
    await h.app.inquiries.resolve(inquiry.id, h.staff.ona.id);
    expect(await refusal(h.app.ratings.record(inquiry.id, h.staff.jonas.id, { score: 3 }))).toBe('INQUIRY.NOT_OWNER');
    expect(await refusal(h.app.ratings.record(inquiry.id, h.staff.ona.id, { score: 7 }))).toBe('INPUT.INVALID');
    await h.app.ratings.record(inquiry.id, h.staff.ona.id, { score: 1, comment: COMMENT });
    expect(await refusal(h.app.ratings.record(inquiry.id, h.staff.manager.id, { score: 5 }))).toBe('RATING.ALREADY_RATED');
    const [stored] = await h.app.ratings.ratingsOf(inquiry.id);
    expect(stored).toMatchObject({ channel: 'staff', status: 'answered', score: 1, comment: COMMENT, recordedById: h.staff.ona.id, followUpManagerId: h.staff.manager.id });
    // No e-mail asks a phone client.
    expect(await requestsOf(h, inquiry.id)).toHaveLength(1);
    // Only the manager told acknowledges; twice changes nothing.
    expect(await refusal(h.app.ratings.acknowledge(inquiry.id, h.staff.jonas.id))).toBe('RATING.NOT_RECIPIENT');
    await h.app.ratings.acknowledge(inquiry.id, h.staff.manager.id);
    await h.app.ratings.acknowledge(inquiry.id, h.staff.manager.id);
    const { timeline } = await h.app.queries.get(inquiry.id);
    expect(timeline.filter((entry) => entry.action === 'rating_acknowledged')).toHaveLength(1);
  });

  it('R60.external: no client personal data, comment or token in the log', async () => {
    const email = `klientas.f${sequence}@example.lt`;
    await resolvedFor(h, email);
    const token = await tokenFor(h, email);
    await post(h, token, { score: '1', comment: COMMENT });
    await page(h, `/rating/${token}?score=1`);
    const output = h.log.join('');
    expect(output).toContain('client rating');
    for (const needle of [email, 'Žemaitienė', 'Atsakymo laukiau', token]) expect(output).not.toContain(needle);
  });
});

describe('R60.external: sampling', () => {
  let h: Harness | undefined;
  afterAll(() => stop(h));

  it('R60.external: RATING_SAMPLE_SHARE=0 asks nobody (the status e-mail still goes)', async () => {
    h = await start({ RATING_SAMPLE_SHARE: '0' });
    const email = `klientas.g${sequence}@example.lt`;
    const inquiryId = await resolvedFor(h, email);
    await eventually(() => expect(h!.smtp.to(email).some((mail) => /išnagrinėtas/.test(mail.parsed.subject ?? ''))).toBe(true));
    await eventually(async () => {
      const [row] = await h!.app.dataSource.query(`SELECT delivered_at FROM outbox WHERE consumer = 'rating-mail' AND inquiry_id = $1`, [inquiryId]);
      expect(row.delivered_at).not.toBeNull();
    });
    expect(await requestsOf(h, inquiryId)).toEqual([]);
    expect(ratingMails(h, email)).toEqual([]);
  });
});

/** Waits until the rating consumer has handled the inquiry's `resolved`: it reads the clock then, so the clock stays put till this. */
async function ratingHandled(h: Harness, inquiryId: string): Promise<void> {
  await eventually(async () => {
    const [row] = await h.app.dataSource.query(`SELECT delivered_at FROM outbox WHERE consumer = 'rating-mail' AND inquiry_id = $1 AND event_type = 'resolved'`, [inquiryId]);
    expect(row?.delivered_at ?? null).not.toBeNull();
  });
}

/** Resolves an inquiry of `email`'s client at `at` (the test clock) and waits until the rating consumer has decided. */
async function resolvedAt(h: Harness, at: string, email: string): Promise<string> {
  h.clock.set(at);
  const inquiryId = await resolvedFor(h, email, { receivedAt: at });
  await ratingHandled(h, inquiryId);
  return inquiryId;
}

describe('R60.external: the cooldown, RATING_COOLDOWN_DAYS', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await stop(h);
    h = undefined;
  });

  it('R60.external: RATING_COOLDOWN_DAYS=14 asks a client once, not again within 14 days (the 14th day’s same instant included), again after — and the next 14 days run from that ask', async () => {
    h = await start({ RATING_COOLDOWN_DAYS: '14' });
    const email = `klientas.h${sequence}@example.lt`;
    const first = await resolvedAt(h, '2027-03-01T10:00:00+02:00', email);
    expect(await requestsOf(h, first)).toEqual([expect.objectContaining({ status: 'pending' })]);
    const firstToken = await tokenFor(h, email);

    // Inside the cooldown: a week later, and 14 days to the second (requested_at ≥ now − 14 days).
    for (const at of ['2027-03-08T10:00:00+02:00', '2027-03-15T10:00:00+02:00']) {
      const inside = await resolvedAt(h, at, email.toUpperCase());
      expect(await requestsOf(h, inside)).toEqual([]);
    }
    expect(ratingMails(h, email)).toHaveLength(1);

    // A second past the 14 days: asked again, with a new link (the default 90 days would still refuse).
    const after = await resolvedAt(h, '2027-03-15T10:00:01+02:00', email);
    expect(await requestsOf(h, after)).toEqual([expect.objectContaining({ status: 'pending' })]);
    await eventually(() => expect(ratingMails(h!, email)).toHaveLength(2));
    const secondToken = /\/rating\/([A-Za-z0-9_-]+)\?score=1/.exec(ratingMails(h, email)[1]!.parsed.text ?? '')![1];
    expect(secondToken).not.toBe(firstToken);

    // The cooldown now runs from the second ask, not the first: 19 days after the first, 5 after the second, still on.
    const next = await resolvedAt(h, '2027-03-20T10:00:00+02:00', email);
    expect(await requestsOf(h, next)).toEqual([]);
    expect(ratingMails(h, email)).toHaveLength(2);
  });

  it('R60.external: RATING_COOLDOWN_DAYS=0 asks the same client every time, even within the minute', async () => {
    h = await start({ RATING_COOLDOWN_DAYS: '0' });
    const email = `klientas.i${sequence}@example.lt`;
    const first = await resolvedAt(h, '2027-03-01T10:00:00+02:00', email);
    const second = await resolvedAt(h, '2027-03-01T10:00:30+02:00', email);
    for (const inquiryId of [first, second]) expect(await requestsOf(h, inquiryId)).toEqual([expect.objectContaining({ status: 'pending' })]);
    await eventually(() => expect(ratingMails(h!, email)).toHaveLength(2));
  });
});
