import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { DomainError } from '../../src/domain/errors.js';
import type { Inquiry } from '../../src/domain/inquiry.js';
import type { StaffMember } from '../../src/domain/staff.js';
import { SUBJECT_ACCESS_LINK_LIFETIME_MS, SUBJECT_ACCESS_PATH, SubjectAccessLinks } from '../../src/domain/subject-access-link.js';
import type { SubjectAccessExport } from '../../src/domain/subject-access.js';
import { createLogger } from '../../src/logger.js';
import { emailedRequest, ManualClock, seedStaff, startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue #15 item 3 (subject access), through the running service on PostgreSQL: an admin exports everything stored
 * about one parent, by e-mail or by phone, as a page and a JSON file; another parent's data never leaks into it; the
 * link opens for that admin alone, while it lasts; every step is in the audit log.
 */

const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
const SECRET = 'subject-access-secret-for-tests-0123456789abcdef';
let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
let admin: StaffMember;
let otherAdmin: StaffMember;
/** Everything the service logs, at trace level: no contact of a person exported may be in it. */
const log: string[] = [];

/** Giedrė: the person exported. Her e-mailed inquiry gives her phone nationally; her phoned one internationally. */
const GIEDRE = { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: '8 612 34567', language: 'lt' };
/** Rūta: another parent. Nothing of hers may appear in Giedrė's export, even where Giedrė's records quote her. */
const RUTA = { name: 'Rūta Petraitienė', email: 'ruta.petraitiene@example.lt', phone: '+370 699 88776', language: 'lt' };
const RUTA_TRACES = ['Rūta Petraitienė', 'Petraitien', 'ruta.petraitiene', '699 88776', '69988776', 'RUTA-SECRET', 'RUTA-CALL', 'RUTA-MESSAGE'];

const CERTIFICATE = Buffer.from('Medicininė pažyma GIEDRE-CERT-CONTENT', 'utf8');
let giedreEmailed: Inquiry;
let giedrePhoned: Inquiry;
let rutaInquiry: Inquiry;

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = (await promise.then(() => null, (caught: unknown) => caught)) as DomainError | null;
  expect(error?.code).toBe(code);
}

async function insertClientMessage(inquiryId: string, from: string, body: string): Promise<void> {
  await t.app.dataSource.query(
    `INSERT INTO client_messages (id, inquiry_id, message_id, from_address, subject, body, received_at) VALUES ($1, $2, $3, $4, 'Re: vieta', $5, $6)`,
    [randomUUID(), inquiryId, `<${randomUUID()}@example.lt>`, from, body, new Date('2027-03-01T11:00:00+02:00')],
  );
}

async function insertOutgoingEmail(inquiryId: string, to: { name: string; address: string }, body: string): Promise<void> {
  await t.app.dataSource.query(
    `INSERT INTO outgoing_emails (id, inquiry_id, purpose, sender_id, to_name, to_address, subject, body, language, message_id, status, created_at, sent_at)
     VALUES ($1, $2, 'reply', $3, $4, $5, 'Atsakymas', $6, 'lt', $7, 'sent', $8, $8)`,
    [randomUUID(), inquiryId, staff.ona.id, to.name, to.address, body, `<${randomUUID()}@daigelis.lt>`, new Date('2027-03-01T12:00:00+02:00')],
  );
}

/** A parent's worked inquiry: claimed, a call, a meeting, a letter, a file, a message, an e-mail, resolved and rated. */
async function workedInquiry(client: typeof GIEDRE, tag: string, quote: string): Promise<Inquiry> {
  const request = emailedRequest({ client, subject: `Dėl vietos ${tag}`, body: `${tag}-BODY. ${quote}` });
  const { inquiry } = await t.app.inquiries.register(request);
  await t.app.inquiries.claim(inquiry.id, staff.ona.id);
  await t.app.calls.logCall(inquiry.id, staff.ona.id, { outcome: 'reached', summary: `${tag}-CALL summary. ${quote}`, clientExpectation: `${tag}-EXPECTS a place` });
  await t.app.meetings.plan(inquiry.id, staff.ona.id, {
    format: 'in_person',
    startsAt: new Date('2027-03-10T10:00:00+02:00'),
    chairId: staff.manager.id,
    recorderId: staff.ona.id,
    agenda: `${tag}-AGENDA`,
    participants: [client.name, 'Ona Onaitė', client === GIEDRE ? RUTA.name : 'Kazys Kazlauskas'],
  });
  await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, `${tag}-LETTER: atsakome raštu.`);
  await t.app.mail.messaging.storeAttachments(inquiry.id, request.externalId, [{ filename: `${tag}-pazyma.pdf`, contentType: 'application/pdf', content: CERTIFICATE }]);
  await insertClientMessage(inquiry.id, client.email, `${tag}-MESSAGE text. ${quote}`);
  await insertOutgoingEmail(inquiry.id, { name: client.name, address: client.email }, `${tag}-EMAIL: Laba diena.`);
  await t.app.inquiries.resolve(inquiry.id, staff.ona.id);
  await t.app.ratings.record(inquiry.id, staff.ona.id, { score: 4, comment: `${tag}-RATING comment` });
  return (await t.app.queries.get(inquiry.registryNumber)).inquiry;
}

function linkUrl(query: Record<string, string>, extra: Record<string, string> = {}): string {
  return `${t.app.url}${SUBJECT_ACCESS_PATH}?${new URLSearchParams({ ...query, ...extra }).toString()}`;
}

async function exportJson(query: Record<string, string>): Promise<{ text: string; data: SubjectAccessExport; response: Response }> {
  const response = await fetch(linkUrl(query, { format: 'json' }));
  const text = await response.text();
  return { text, data: JSON.parse(text) as SubjectAccessExport, response };
}

const auditLines = (): Promise<Array<{ actor_id: string; action: string; details: Record<string, unknown> }>> =>
  t.app.dataSource.query(`SELECT actor_id, action, details FROM audit_log WHERE action = 'subject_access_exported' ORDER BY id`);

beforeAll(async () => {
  const sink = new Writable({ write: (chunk, _encoding, done) => (log.push(String(chunk)), done()) });
  t = await startTestApp({ clock, notifiers: [] }, undefined, { LETTER_LINK_SECRET: SECRET }, createLogger('trace', sink));
  staff = await seedStaff(t.app);
  await t.app.staff.importMembers([
    { firstName: 'Aldona', surname: 'Administratorė', email: 'aldona@daigelis.lt', roles: ['admin'] },
    { firstName: 'Algis', surname: 'Adminas', email: 'algis@daigelis.lt', roles: ['admin'] },
  ]);
  const id = async (email: string) => ((await t.app.dataSource.query('SELECT id FROM staff_members WHERE email = $1', [email])) as Array<{ id: string }>)[0]!.id;
  admin = { ...staff.ona, id: await id('aldona@daigelis.lt'), roles: ['admin'] };
  otherAdmin = { ...staff.ona, id: await id('algis@daigelis.lt'), roles: ['admin'] };
  // Giedrė's message quotes Rūta's name, e-mail and phone: the export must hide them.
  giedreEmailed = await workedInquiry(GIEDRE, 'GIEDRE', `Kaip rašė ${RUTA.name} (${RUTA.email}, ${RUTA.phone}), vietų nėra.`);
  rutaInquiry = await workedInquiry(RUTA, 'RUTA', 'RUTA-SECRET apie vaiko sveikatą.');
  const { inquiry } = await t.app.inquiries.register(
    emailedRequest({ channel: 'phone', externalId: null, client: { name: GIEDRE.name, email: null, phone: '+370 612 34567', language: 'lt' }, subject: 'Telefonu GIEDRE-PHONED', body: 'GIEDRE-PHONED-BODY', registeredById: staff.ona.id }),
  );
  giedrePhoned = inquiry;
});
afterAll(() => t?.stop());

describe('R12.records: subject access (issue #15 item 3)', () => {
  it('R12.records: by e-mail (any case) the JSON holds all of the person’s items — and nothing of another parent', async () => {
    const made = await t.app.subjectAccess.request(admin.id, ' GIEDRE@Example.LT ');
    expect(made.inquiries).toBe(1);
    // The link names the stored request; the person's contact never travels in it.
    const url = linkUrl({ ...made.query });
    expect(url).not.toMatch(/giedre|example/i);
    const { text, data, response } = await exportJson({ ...made.query });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="langelis-subject-access-.*\.json"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(data.matchedBy).toEqual({ kind: 'email', value: 'giedre@example.lt' });
    expect(data.inquiries.map((inquiry) => inquiry.registryNumber)).toEqual([giedreEmailed.registryNumber]);
    const [exported] = data.inquiries;
    expect(exported!.client).toMatchObject({ name: GIEDRE.name, email: GIEDRE.email, phone: GIEDRE.phone });
    expect(exported!.body).toContain('GIEDRE-BODY');
    expect(exported!.owner).toEqual({ name: 'Ona Onaitė', position: 'Auklėtoja' });
    expect(exported!.messages).toEqual([expect.objectContaining({ from: GIEDRE.email, body: expect.stringContaining('GIEDRE-MESSAGE') })]);
    expect(exported!.calls).toEqual([expect.objectContaining({ outcome: 'reached', summary: expect.stringContaining('GIEDRE-CALL'), clientExpectation: 'GIEDRE-EXPECTS a place', by: { name: 'Ona Onaitė', position: 'Auklėtoja' } })]);
    expect(exported!.meetings).toEqual([expect.objectContaining({ agenda: 'GIEDRE-AGENDA', chair: { name: 'Vida Vadovė', position: 'Direktoriaus pavaduotoja' } })]);
    // The person and staff stay named among the participants; the other parent is hidden.
    expect(exported!.meetings[0]!.participants).toEqual([GIEDRE.name, 'Ona Onaitė', '[paslėpta / hidden]']);
    // The letter is sealed at rest: the export reads it through the cipher.
    expect(exported!.letters).toEqual([expect.objectContaining({ body: 'GIEDRE-LETTER: atsakome raštu.', outgoingNumber: expect.stringMatching(/^S-2027-/) })]);
    expect(exported!.emails).toEqual([expect.objectContaining({ to: GIEDRE.email, body: 'GIEDRE-EMAIL: Laba diena.', status: 'sent' })]);
    // Files: name and size only.
    expect(exported!.attachments).toEqual([{ receivedAt: null, filename: 'GIEDRE-pazyma.pdf', contentType: 'application/pdf', sizeBytes: CERTIFICATE.length, stored: true }]);
    expect(text).not.toContain('GIEDRE-CERT-CONTENT');
    expect(text).not.toContain(CERTIFICATE.toString('base64').slice(0, 20));
    expect(exported!.ratings).toEqual([expect.objectContaining({ score: 4, comment: 'GIEDRE-RATING comment', channel: 'staff' })]);
    // Rūta, quoted in Giedrė's own message and call note, is hidden there; her own inquiry is not in it at all.
    expect(exported!.body).toContain('[paslėpta / hidden]');
    for (const trace of [...RUTA_TRACES, rutaInquiry.registryNumber]) expect(text).not.toContain(trace);
    // The inquiry registered by phone (no e-mail) is not hers by e-mail.
    expect(text).not.toContain('GIEDRE-PHONED');
  });

  it('R12.records: by phone, however written, both of her inquiries — the national and the international number', async () => {
    for (const typed of ['+370 612 34567', '861234567', '8 (612) 34-567']) {
      const made = await t.app.subjectAccess.request(admin.id, typed);
      const { text, data } = await exportJson({ ...made.query });
      expect(data.matchedBy).toEqual({ kind: 'phone', value: '+37061234567' });
      expect(data.inquiries.map((inquiry) => inquiry.registryNumber)).toEqual([giedreEmailed.registryNumber, giedrePhoned.registryNumber]);
      expect(text).toContain('GIEDRE-PHONED-BODY');
      for (const trace of [...RUTA_TRACES, rutaInquiry.registryNumber]) expect(text).not.toContain(trace);
    }
  });

  it('R12.records: the page reads in Lithuanian (and English), with lang, headings and table headers', async () => {
    const made = await t.app.subjectAccess.request(admin.id, GIEDRE.email);
    const page = await fetch(linkUrl({ ...made.query }));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<html lang="lt">');
    expect(html).toContain('<h1>Asmens duomenų išrašas</h1>');
    expect(html).toContain(`<h2 id="inquiry-${giedreEmailed.registryNumber}">Kreipimasis ${giedreEmailed.registryNumber}</h2>`);
    expect(html).toContain('<th scope="col">Failo pavadinimas</th>');
    expect(html).toContain('GIEDRE-LETTER');
    for (const trace of RUTA_TRACES) expect(html).not.toContain(trace);
    const english = await (await fetch(linkUrl({ ...made.query }, { lang: 'en' }))).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<h1>Personal data export</h1>');
  });

  it('R12.records: only an admin asks; text that is neither an e-mail nor a phone is refused without echoing it', async () => {
    await expectCode(t.app.subjectAccess.request(staff.ona.id, GIEDRE.email), 'STAFF.NOT_ALLOWED');
    await expectCode(t.app.subjectAccess.request(staff.manager.id, GIEDRE.email), 'STAFF.NOT_ALLOWED');
    const error = await t.app.subjectAccess.request(admin.id, 'Giedrė').catch((caught: DomainError) => caught);
    expect((error as DomainError).code).toBe('SUBJECT_ACCESS.CONTACT_INVALID');
    expect(JSON.stringify((error as DomainError).details)).not.toContain('Giedr');
  });

  it('R12.records: an altered, foreign, expired link, or one of an admin no longer admin, opens nothing', async () => {
    const made = await t.app.subjectAccess.request(admin.id, GIEDRE.email);
    const refusedWith = async (url: string, status: number) => {
      const response = await fetch(url);
      expect(response.status).toBe(status);
      const body = await response.text();
      expect(body).not.toContain('GIEDRE');
      expect(body).not.toContain(giedreEmailed.registryNumber);
    };
    // Altered: another request's id under this signature, or a changed signature.
    const other = await t.app.subjectAccess.request(admin.id, RUTA.email);
    await refusedWith(linkUrl({ ...made.query, id: other.requestId }), 403);
    await refusedWith(linkUrl({ ...made.query, sig: `${made.query.sig.slice(0, -2)}AA` }), 403);
    // Foreign: a genuine link for another admin to this admin's request.
    const links = new SubjectAccessLinks(SECRET, SUBJECT_ACCESS_LINK_LIFETIME_MS, clock);
    await refusedWith(linkUrl({ ...links.sign(made.requestId, otherAdmin.id) }), 403);
    // A link for a representative: signed genuinely, refused because she is no admin.
    await refusedWith(linkUrl({ ...links.sign(made.requestId, staff.ona.id) }), 403);
    // Expired: an hour later.
    clock.set('2027-03-01T11:30:00+02:00');
    await refusedWith(linkUrl({ ...made.query }), 410);
    clock.set('2027-03-01T10:00:00+02:00');
    expect((await fetch(linkUrl({ ...made.query }))).status).toBe(200);
    // No longer an admin: the same link is refused.
    await t.app.dataSource.query(`UPDATE staff_members SET roles = '{representative}' WHERE id = $1`, [admin.id]);
    try {
      await refusedWith(linkUrl({ ...made.query }), 403);
    } finally {
      await t.app.dataSource.query(`UPDATE staff_members SET roles = '{admin}' WHERE id = $1`, [admin.id]);
    }
  });

  it('R12.records: the request and every opening are in the audit log, with ids and counts only', async () => {
    const before = (await auditLines()).length;
    const made = await t.app.subjectAccess.request(admin.id, GIEDRE.email);
    await exportJson({ ...made.query });
    await fetch(linkUrl({ ...made.query }));
    const lines = (await auditLines()).slice(before);
    expect(lines).toEqual([
      { actor_id: admin.id, action: 'subject_access_exported', details: { requestId: made.requestId, step: 'requested', matchedBy: 'email', inquiries: 1 } },
      { actor_id: admin.id, action: 'subject_access_exported', details: { requestId: made.requestId, step: 'opened', format: 'json', inquiries: 1, registryNumbers: giedreEmailed.registryNumber } },
      { actor_id: admin.id, action: 'subject_access_exported', details: { requestId: made.requestId, step: 'opened', format: 'html', inquiries: 1, registryNumbers: giedreEmailed.registryNumber } },
    ]);
    // A refused link leaves no "opened" line; the log never holds the person's contact.
    await fetch(linkUrl({ ...made.query, sig: 'x'.repeat(43) }));
    expect((await auditLines()).length).toBe(before + 3);
    const all = JSON.stringify(await auditLines());
    for (const contact of ['giedre', 'example.lt', '61234567', 'Žemaitien']) expect(all).not.toContain(contact);
    // The stored request keeps the person's key (normalised), for the admin who asked.
    const [row] = await t.app.dataSource.query('SELECT person_key, requested_by FROM subject_access_requests WHERE id = $1', [made.requestId]);
    expect(row).toEqual({ person_key: 'email:giedre@example.lt', requested_by: admin.id });
  });

  it('R12.records: a request keeps the person’s contact only while its link can open; then it is removed, the audit line stays', async () => {
    const made = await t.app.subjectAccess.request(admin.id, GIEDRE.email);
    const stored = async (id: string) => (await t.app.dataSource.query('SELECT id FROM subject_access_requests WHERE id = $1', [id])).length;
    try {
      // Within two link lifetimes it stays (a link may still be open in a browser tab).
      clock.set(new Date(clock.now().getTime() + SUBJECT_ACCESS_LINK_LIFETIME_MS + 60_000).toISOString());
      await t.app.subjectAccess.forgetExpired();
      expect(await stored(made.requestId)).toBe(1);
      clock.set(new Date(clock.now().getTime() + SUBJECT_ACCESS_LINK_LIFETIME_MS).toISOString());
      const fresh = await t.app.subjectAccess.request(admin.id, RUTA.email);
      expect(await t.app.subjectAccess.forgetExpired()).toBeGreaterThanOrEqual(1);
      expect(await stored(made.requestId)).toBe(0);
      expect(await stored(fresh.requestId)).toBe(1);
      // The link now opens nothing, and the audit log still names the request (by id only).
      expect((await fetch(linkUrl({ ...made.query }))).status).toBe(410);
      const lines = await t.app.dataSource.query(`SELECT details FROM audit_log WHERE details->>'requestId' = $1`, [made.requestId]);
      expect(lines.length).toBeGreaterThanOrEqual(1);
    } finally {
      clock.set('2027-03-01T10:00:00+02:00');
    }
  });

  it('R12.records: the log of every export, opening and refusal above names requests and codes, never a person', async () => {
    const lines = log.filter((line) => line.includes('subject access'));
    expect(lines.some((line) => line.includes('subject access export sent'))).toBe(true);
    expect(lines.some((line) => line.includes('subject access link refused'))).toBe(true);
    for (const needle of ['giedre', 'Giedr', 'Žemaitien', '61234567', '612 34567', 'ruta', 'Rūta', 'Petraitien', '88776', 'GIEDRE-', 'RUTA-']) {
      expect(log.join('').toLowerCase()).not.toContain(needle.toLowerCase());
    }
  });
});
