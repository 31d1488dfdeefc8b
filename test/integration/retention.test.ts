import type { DomainError } from '../../src/domain/errors.js';
import { RETENTION_LIST_PATH } from '../../src/domain/retention-link.js';
import { retentionHandler } from '../../src/jobs/retention.job.js';
import { createLogger } from '../../src/logger.js';
import { TypeormRetentionLedger } from '../../src/persistence/told-ledger.js';
import type { StaffMember } from '../../src/domain/staff.js';
import { emailedRequest, eventually, ManualClock, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue #15 (retention and anonymisation) through the running service on a real PostgreSQL: a closed inquiry past a
 * 1-day retention loses every personal datum, while what R12.records keeps (number, kind, channel, dates, outcomes,
 * escalation counts, rating scores) keeps the quarter's quality figures exactly as they were.
 */

const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
const recorder = new RecordingNotifier();
let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
let admin: StaffMember;

/** Distinctive words of the family whose inquiry is anonymised: none may be left anywhere in the database. */
const FAMILY = {
  name: 'Eglutė Retencijienė',
  email: 'eglute.retencija@example.lt',
  phone: '+37069990001',
  subject: 'RETENCIJA-TEMA dėl alergijos',
  body: 'RETENCIJA-LAIŠKAS: vaikui alergija riešutams.',
  filename: 'RETENCIJA-pazyma.pdf',
  note: 'RETENCIJA-PASTABA apie mitybą',
  reason: 'RETENCIJA-PRIEŽASTIS vėl skambino',
  incident: 'RETENCIJA-INCIDENTAS koridoriuje',
  comment: 'RETENCIJA-KOMENTARAS apie auklėtoją',
  letter: 'RETENCIJA-RAŠTAS: atsakome dėl alergijos.',
};
const NEEDLES = ['Retencijien', 'eglute.retencija', '69990001', 'RETENCIJA'];

const OTHER = (tag: string) => ({ name: `Kita ${tag} Šeima`, email: `kita.${tag}@example.lt`, phone: null, language: 'lt' });

async function closedInquiry(client: object, extras: (id: string) => Promise<void> = async () => undefined, words: object = {}) {
  const request = emailedRequest({ client, receivedAt: '2027-03-01T09:00:00+02:00', ...words });
  const { inquiry } = await t.app.inquiries.register(request);
  await t.app.inquiries.claim(inquiry.id, staff.ona.id);
  await t.app.inquiries.recordFirstReply(inquiry.id, staff.ona.id);
  await extras(inquiry.id);
  if ((await rowOf(inquiry.id)).status !== 'resolved') await t.app.inquiries.resolve(inquiry.id, staff.ona.id);
  await t.app.inquiries.close(inquiry.id, staff.ona.id);
  return inquiry;
}

/** Every column of every table that can hold text, as text; bytea is checked for the needle's UTF-8 bytes. */
async function whereFound(needle: string): Promise<string[]> {
  const columns: Array<{ table_name: string; column_name: string; data_type: string }> = await t.app.dataSource.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`,
  );
  const found: string[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const test = type === 'bytea' ? `position(convert_to($1, 'UTF8') in "${column}") > 0` : `"${column}"::text ILIKE '%' || $1 || '%'`;
    const [row] = await t.app.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${test}`, [needle]);
    if (row.n > 0) found.push(`${table}.${column}`);
  }
  return found;
}

const quarterReport = async () => {
  const quarter = t.app.quality.periodOf('quarter', new Date('2027-03-01T12:00:00+02:00'), 'current');
  return JSON.stringify(await t.app.quality.report(quarter, { kind: 'institution' }));
};

const settled = () =>
  eventually(async () => {
    const [row] = await t.app.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL');
    expect(row.n).toBe(0);
  });

const rowOf = async (id: string) => (await t.app.dataSource.query('SELECT * FROM inquiries WHERE id = $1', [id]))[0];

beforeAll(async () => {
  t = await startTestApp({ clock, notifiers: [recorder] }, undefined, {
    RETENTION_DAYS_REQUEST: '1',
    RETENTION_DAYS_QUESTION: '1',
    // Longer for complaints: the periods differ by kind (the last describe); every other inquiry here is a request.
    RETENTION_DAYS_COMPLAINT: '30',
    LETTER_LINK_SECRET: 'retention-link-secret-for-tests-0123456789',
  });
  staff = await seedStaff(t.app);
  await t.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Administratorė', email: 'aldona@daigelis.lt', roles: ['admin'] }]);
  const [row] = await t.app.dataSource.query(`SELECT id FROM staff_members WHERE email = 'aldona@daigelis.lt'`);
  admin = { ...staff.ona, id: row.id, roles: ['admin'] };
});
afterAll(() => t?.stop());

describe('R12.records: retention and anonymisation', () => {
  let anonymised: { id: string; registryNumber: string };
  let held: { id: string; registryNumber: string };
  let open: { id: string; registryNumber: string };
  let before: string;

  beforeAll(async () => {
    anonymised = await closedInquiry(
      { name: FAMILY.name, email: FAMILY.email, phone: FAMILY.phone, language: 'lt' },
      async (id) => {
        const [{ external_id: messageId }] = await t.app.dataSource.query('SELECT external_id FROM inquiries WHERE id = $1', [id]);
        await t.app.mail.messaging.storeAttachments(id, messageId, [{ filename: FAMILY.filename, contentType: 'application/pdf', content: Buffer.from('RETENCIJA-TURINYS') }]);
        await t.app.inquiries.recordProgress(id, staff.ona.id, { note: FAMILY.note });
        await t.app.mail.clientChannel.issueLetter(id, staff.ona.id, FAMILY.letter);
        await t.app.escalations.raise(id, staff.ona.id, { type: 'incident', whatHappened: FAMILY.incident });
        await t.app.inquiries.resolve(id, staff.ona.id);
        await t.app.inquiries.reopen(id, staff.ona.id, FAMILY.reason);
        await t.app.inquiries.resolve(id, staff.ona.id);
        await t.app.ratings.record(id, staff.ona.id, { score: 2, comment: FAMILY.comment });
      },
      { subject: FAMILY.subject, body: FAMILY.body },
    );
    held = await closedInquiry(OTHER('hold'));
    const registered = await t.app.inquiries.register(emailedRequest({ client: OTHER('open'), receivedAt: '2027-03-01T09:00:00+02:00' }));
    open = registered.inquiry;
    await t.app.inquiries.claim(open.id, staff.ona.id);
    await t.app.retention.setLegalHold(admin.id, held.registryNumber, true);
    await settled();
    // The figures are counted as of now (an open inquiry's reply falls overdue as time passes): both at the same instant.
    clock.set('2027-03-03T02:30:00+02:00');
    before = await quarterReport();
  });

  it('R12.records: nothing of the family is left in any table, the registry number, kind, channel, dates and outcomes stay', async () => {
    expect((await whereFound('RETENCIJA')).length).toBeGreaterThan(0);
    // The letter's text is sealed (encrypted at rest), so no needle finds it: its stored body is checked itself.
    const letterRow = async () => (await t.app.dataSource.query('SELECT body, sealed_body, outgoing_number FROM letters WHERE inquiry_id = $1', [anonymised.id]))[0];
    const sealedBefore = await letterRow();
    expect(sealedBefore.sealed_body).not.toBeNull();
    const run = await t.app.retention.anonymiseDue();
    expect(run.anonymised).toEqual([anonymised.registryNumber]);
    await settled();
    for (const needle of NEEDLES) expect([needle, await whereFound(needle)]).toEqual([needle, []]);
    const row = await rowOf(anonymised.id);
    expect(row).toMatchObject({ registry_number: anonymised.registryNumber, kind: 'request', channel: 'email', status: 'closed', client_email: null, client_phone: null, legal_hold: false });
    expect(row.anonymised_at).toEqual(new Date('2027-03-03T02:30:00+02:00'));
    expect(row.received_at).toEqual(new Date('2027-03-01T09:00:00+02:00'));
    expect(row.first_reply_at).not.toBeNull();
    // R12.records: the letter stays as a record (its outgoing number), its text is gone, sealed or not.
    expect(await letterRow()).toEqual({ body: '', sealed_body: null, outgoing_number: sealedBefore.outgoing_number });
    const [attachment] = await t.app.dataSource.query('SELECT content, sealed_content, filename, size_bytes FROM mail_attachments WHERE inquiry_id = $1', [anonymised.id]);
    expect(attachment).toMatchObject({ content: null, sealed_content: null, filename: '' });
    const [escalations] = await t.app.dataSource.query(`SELECT count(*)::int AS n, min(type) AS type FROM escalations WHERE inquiry_id = $1`, [anonymised.id]);
    expect(escalations).toEqual({ n: 1, type: 'incident' });
    const [rating] = await t.app.dataSource.query('SELECT score, comment FROM rating_requests WHERE inquiry_id = $1 AND score IS NOT NULL', [anonymised.id]);
    expect(rating).toEqual({ score: 2, comment: null });
    // The story still says what was done and when: every timeline line is kept, its free text gone.
    const actions = (await t.app.dataSource.query('SELECT action FROM inquiry_timeline WHERE inquiry_id = $1 ORDER BY id', [anonymised.id])).map((line: { action: string }) => line.action);
    expect(actions).toEqual(expect.arrayContaining(['registered', 'claimed', 'progress_recorded', 'escalated', 'reopened', 'rated', 'closed', 'anonymised']));
    expect(recorder.ofType('anonymised').map((event) => event.registryNumber)).toEqual([anonymised.registryNumber]);
  });

  it('R60.internal: the quarter\'s quality figures are exactly what they were', async () => {
    expect(await quarterReport()).toBe(before);
  });

  it('R12.records: an inquiry under legal hold and an open one are untouched', async () => {
    expect(await rowOf(held.id)).toMatchObject({ client_name: 'Kita hold Šeima', client_email: 'kita.hold@example.lt', anonymised_at: null, legal_hold: true });
    expect(await rowOf(open.id)).toMatchObject({ client_name: 'Kita open Šeima', anonymised_at: null, status: 'claimed' });
  });

  it('R12.records: running again changes nothing (idempotent), and the audit log has one entry each', async () => {
    const snapshot = async () => JSON.stringify([await rowOf(anonymised.id), await t.app.dataSource.query('SELECT id, details FROM inquiry_timeline WHERE inquiry_id = $1 ORDER BY id', [anonymised.id])]);
    const first = await snapshot();
    expect((await t.app.retention.anonymiseDue()).anonymised).toEqual([]);
    expect((await t.app.retention.runNow(admin.id)).anonymised).toEqual([]);
    expect(await snapshot()).toBe(first);
    const audit = await t.app.dataSource.query(`SELECT action, actor_id, registry_number, details FROM audit_log WHERE action IN ('anonymised', 'legal_hold_set') ORDER BY id`);
    expect(audit).toEqual([
      { action: 'legal_hold_set', actor_id: admin.id, registry_number: held.registryNumber, details: { on: true } },
      { action: 'anonymised', actor_id: null, registry_number: anonymised.registryNumber, details: {} },
    ]);
  });

  it('R12.records: the timeline stays append-only for everyone but the anonymiser', async () => {
    await expect(t.app.dataSource.query(`UPDATE inquiry_timeline SET details = '{}' WHERE inquiry_id = $1`, [held.id])).rejects.toThrow(/append-only/);
    await expect(t.app.dataSource.query(`DELETE FROM inquiry_timeline WHERE inquiry_id = $1`, [held.id])).rejects.toThrow(/append-only/);
    // Even with the anonymiser's setting, only `details` may change.
    await expect(
      t.app.dataSource.transaction(async (db) => {
        await db.query(`SELECT set_config('langelis.anonymising', 'on', true)`);
        await db.query(`UPDATE inquiry_timeline SET action = 'forged' WHERE inquiry_id = $1`, [held.id]);
      }),
    ).rejects.toThrow(/append-only/);
  });

  it('R12.records: an anonymised inquiry stays as it is — it cannot be reopened, nor put on hold', async () => {
    const reopen = (await t.app.inquiries.reopen(anonymised.id, staff.ona.id, 'Klientas vėl rašė').catch((error: unknown) => error)) as DomainError;
    expect(reopen.code).toBe('INQUIRY.INVALID_TRANSITION');
    const hold = (await t.app.retention.setLegalHold(admin.id, anonymised.registryNumber, true).catch((error: unknown) => error)) as DomainError;
    expect(hold.code).toBe('INQUIRY.INVALID_TRANSITION');
    expect(await rowOf(anonymised.id)).toMatchObject({ status: 'closed', legal_hold: false });
  });

  it('issue #15: a legal hold is set and cleared by admins and managers only; cleared, the inquiry is anonymised at the next run', async () => {
    const refused = (await t.app.retention.setLegalHold(staff.ona.id, held.registryNumber, false).catch((error: unknown) => error)) as DomainError;
    expect(refused.code).toBe('STAFF.NOT_ALLOWED');
    expect((await t.app.retention.setLegalHold(staff.manager.id, held.registryNumber, false)).changed).toBe(true);
    const runRefused = (await t.app.retention.runNow(staff.manager.id).catch((error: unknown) => error)) as DomainError;
    expect(runRefused.code).toBe('STAFF.NOT_ALLOWED');
    expect((await t.app.retention.runNow(admin.id)).anonymised).toEqual([held.registryNumber]);
    expect(await whereFound('kita.hold')).toEqual([]);
    const [entry] = await t.app.dataSource.query(`SELECT actor_id FROM audit_log WHERE action = 'anonymised' AND inquiry_id = $1`, [held.id]);
    expect(entry.actor_id).toBe(admin.id);
  });
});

describe('issue #15: the admins are told the evening before, once, with a signed link to the list', () => {
  const slack = new RecordingNotifier('slack');
  const teams = new RecordingNotifier('teams');
  let due: { id: string; registryNumber: string };
  let url: string;
  const run = () =>
    retentionHandler({
      retention: () => t.app.retention,
      subjectAccess: () => t.app.subjectAccess,
      staff: () => t.app.queries.staffWithRole(null),
      ledger: new TypeormRetentionLedger(t.app.dataSource),
      notifiers: () => [slack, teams],
      listUrl: (night, staffId) => `${t.app.url}${RETENTION_LIST_PATH}?${new URLSearchParams({ ...t.app.retention.listLink(night, staffId) }).toString()}`,
      noticeHour: 15,
      zone: 'Europe/Vilnius',
      clock,
      logger: createLogger('silent'),
    })();

  beforeAll(async () => {
    // Closed at 01:00 with a 1-day retention: due at 01:00 the next night, before that night's 02:00 run.
    clock.set('2027-03-10T01:00:00+02:00');
    due = await closedInquiry(OTHER('night'));
  });

  it('R12.records: before the notice hour nobody is told; from it each admin once per platform and night, representatives and managers never', async () => {
    clock.set('2027-03-10T14:00:00+02:00');
    await run();
    expect([...slack.happenings, ...teams.happenings]).toEqual([]);
    clock.set('2027-03-10T16:00:00+02:00');
    await run();
    await run();
    for (const platform of [slack, teams]) {
      expect(platform.happenings).toEqual([{ type: 'retention_due', staffId: admin.id, night: '2027-03-11', count: 1, url: expect.stringContaining(RETENTION_LIST_PATH) }]);
    }
    const told = new Set([...slack.happenings, ...teams.happenings].map((happening) => ('staffId' in happening ? happening.staffId : null)));
    for (const person of [staff.ona, staff.jonas, staff.rasa, staff.manager]) expect(told.has(person.id)).toBe(false);
    url = (slack.happenings[0] as { url: string }).url;
    // Nothing was anonymised at 16:00: the run waits for the night.
    expect((await rowOf(due.id)).anonymised_at).toBeNull();
  });

  it('R12.records: the link opens the list for that admin — registry numbers, kinds, closed dates, nothing personal', async () => {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain(due.registryNumber);
    expect(html).toContain('2027-03-10');
    expect(html).not.toMatch(/Kita night|kita\.night/);
  });

  it('R12.records: an altered, foreign or expired link is refused with a 403 and nothing of the list', async () => {
    const altered = new URL(url);
    altered.searchParams.set('night', '2027-03-12');
    const forged = new URL(url);
    forged.searchParams.set('staff', staff.ona.id);
    const notAdmin = `${t.app.url}${RETENTION_LIST_PATH}?${new URLSearchParams({ ...t.app.retention.listLink('2027-03-11', staff.ona.id) }).toString()}`;
    for (const refused of [altered.toString(), forged.toString(), notAdmin]) {
      const page = await fetch(refused);
      expect(page.status).toBe(403);
      expect(await page.text()).not.toContain(due.registryNumber);
    }
    clock.set('2027-03-11T17:00:00+02:00');
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).not.toContain(due.registryNumber);
  });

  it('R12.records: the job itself anonymises in the night\'s window, and only there', async () => {
    clock.set('2027-03-12T01:50:00+02:00');
    await run();
    expect((await rowOf(due.id)).anonymised_at).toBeNull();
    clock.set('2027-03-12T02:10:00+02:00');
    await run();
    expect((await rowOf(due.id)).anonymised_at).toEqual(new Date('2027-03-12T02:10:00+02:00'));
    expect(await whereFound('kita.night')).toEqual([]);
  });
});

describe('R12.records: each kind keeps its own retention period (RETENTION_DAYS_QUESTION=1, RETENTION_DAYS_COMPLAINT=30 here)', () => {
  it('R12.records: a question past its period is anonymised while a complaint closed at the same moment is not, until its own period ends', async () => {
    clock.set('2027-04-01T10:00:00+02:00');
    const question = await closedInquiry(OTHER('klausimas'), undefined, { kind: 'question' });
    // A written complaint, answered in writing as R55.same-channel requires before it may be closed.
    const complaint = await closedInquiry(
      { name: 'Kita skundas Šeima', email: null, phone: null, postalAddress: 'Skundo g. 1, Kaunas', language: 'lt' },
      async (id) => void (await t.app.mail.clientChannel.issueLetter(id, staff.ona.id, 'Atsakome raštu.')),
      { kind: 'complaint', channel: 'letter', externalId: null },
    );
    expect((await rowOf(question.id)).closed_at).toEqual((await rowOf(complaint.id)).closed_at);
    await settled();

    // Two days later: past the question's day, well within the complaint's 30.
    clock.set('2027-04-03T02:30:00+02:00');
    const first = await t.app.retention.anonymiseDue();
    expect(first.anonymised).toContain(question.registryNumber);
    expect(first.anonymised).not.toContain(complaint.registryNumber);
    expect(await rowOf(question.id)).toMatchObject({ kind: 'question', client_email: null, anonymised_at: new Date('2027-04-03T02:30:00+02:00') });
    expect(await rowOf(complaint.id)).toMatchObject({ kind: 'complaint', client_name: 'Kita skundas Šeima', anonymised_at: null });
    expect(await whereFound('kita.klausimas')).toEqual([]);

    // A day before the complaint's 30 days are over it stays; after them it goes.
    clock.set('2027-04-30T02:30:00+02:00');
    expect((await t.app.retention.anonymiseDue()).anonymised).not.toContain(complaint.registryNumber);
    clock.set('2027-05-02T02:30:00+02:00');
    expect((await t.app.retention.anonymiseDue()).anonymised).toContain(complaint.registryNumber);
    expect(await whereFound('Kita skundas')).toEqual([]);
    expect(await whereFound('Skundo g.')).toEqual([]);
  });
});
