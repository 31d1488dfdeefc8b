import { emitEvent } from '../../src/domain/command-support.js';
import type { DomainError } from '../../src/domain/errors.js';
import { REPORT_EXPORT_PATH, REPORT_LINK_LIFETIME_MS, ReportLinks } from '../../src/domain/report-link.js';
import { AUDIT_EXPORT_PATH } from '../../src/domain/audit-link.js';
import type { StaffMember } from '../../src/domain/staff.js';
import { TypeormUnitOfWork } from '../../src/persistence/unit-of-work.typeorm.js';
import { emailedRequest, ManualClock, seedStaff, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
let admin: StaffMember;
const clock = new ManualClock(new Date('2027-03-02T08:00:00Z'));
const SECRET = 'audit-link-secret-for-tests-0123456789abcdef';

const CLIENT = { name: 'Giedrė Žemaitienė', email: 'giedre.zemaitiene@example.lt', phone: '+37061234567', language: 'lt' };
const SUBJECT = 'Dėl vietos darželyje';
const BODY = 'Laba diena, norėčiau sužinoti apie laisvas vietas ąčęėįšųūž.';

interface Row {
  id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  inquiry_id: string | null;
  registry_number: string | null;
  subject_staff_id: string | null;
  details: Record<string, unknown>;
}

const rows = (where = 'TRUE', params: unknown[] = []): Promise<Row[]> =>
  t.app.dataSource.query(`SELECT id::text AS id, at, actor_id, action, inquiry_id, registry_number, subject_staff_id, details FROM audit_log a WHERE ${where} ORDER BY a.at, a.id`, params);
const rowsOf = (inquiryId: string, action?: string) =>
  rows(action ? 'inquiry_id = $1 AND action = $2' : 'inquiry_id = $1', action ? [inquiryId, action] : [inquiryId]);

async function register(overrides: Record<string, unknown> = {}) {
  const { inquiry } = await t.app.inquiries.register(emailedRequest({ client: CLIENT, subject: SUBJECT, body: BODY, ...overrides }));
  return inquiry;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = (await promise.then(
    () => null,
    (caught: unknown) => caught,
  )) as DomainError | null;
  expect(error?.code).toBe(code);
}

beforeAll(async () => {
  t = await startTestApp({ clock }, undefined, { LETTER_LINK_SECRET: SECRET });
  staff = await seedStaff(t.app);
  await t.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Administratorė', email: 'aldona@daigelis.lt', roles: ['admin'] }]);
  const [row] = await t.app.dataSource.query(`SELECT id FROM staff_members WHERE email = 'aldona@daigelis.lt'`);
  admin = { ...staff.ona, id: row.id, roles: ['admin'] };
});
afterAll(() => t?.stop());

describe('R12.records: the audit log', () => {
  it('R12.records: the audit log is append-only in PostgreSQL itself (UPDATE, DELETE and TRUNCATE are refused)', async () => {
    const [first] = await rows();
    expect(first).toBeDefined();
    await expect(t.app.dataSource.query(`UPDATE audit_log SET action = 'forged' WHERE id = $1`, [first!.id])).rejects.toThrow(/append-only/);
    await expect(t.app.dataSource.query(`DELETE FROM audit_log WHERE id = $1`, [first!.id])).rejects.toThrow(/append-only/);
    // TRUNCATE is not even granted to the service's role (issue #17); the owner is refused by the log itself.
    await expect(t.app.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
    await expect(t.database.asOwner(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect((await rows('id = $1', [first!.id]))[0]).toEqual(first);
  });

  it('R12.records: a claim is audited exactly once — a repeated claim adds no line, a refused claim none', async () => {
    clock.set('2027-03-02T09:00:00Z');
    const inquiry = await register();
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    // Her own second click (a double click, a platform's retry) changes nothing: no second line.
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    await expectCode(t.app.inquiries.claim(inquiry.id, staff.jonas.id), 'INQUIRY.ALREADY_CLAIMED');
    const lines = await rowsOf(inquiry.id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      action: 'claimed',
      actor_id: staff.ona.id,
      inquiry_id: inquiry.id,
      registry_number: inquiry.registryNumber,
      subject_staff_id: staff.ona.id,
      details: {},
    });
    expect(lines[0]!.at.toISOString()).toBe('2027-03-02T09:00:00.000Z');
  });

  it('R12.records: the audit line is written in the change’s own transaction — rolled back with it, it is not there', async () => {
    const inquiry = await register();
    const uow = new TypeormUnitOfWork(t.app.dataSource, []);
    await expect(
      uow.run(async (scope) => {
        await emitEvent(scope, inquiry, staff.ona.id, { type: 'claimed', ownerId: staff.ona.id }, clock.now());
        expect(await new TypeormUnitOfWork(t.app.dataSource, []).run(() => rowsOf(inquiry.id))).toHaveLength(0); // not visible before commit
        throw new Error('the claim fails after its events were written');
      }),
    ).rejects.toThrow(/fails/);
    expect(await rowsOf(inquiry.id)).toHaveLength(0);
    expect((await t.app.queries.get(inquiry.id)).timeline.filter((entry) => entry.action === 'claimed')).toHaveLength(0);
  });

  it('R12.records: a handover and an escalation are audited with whom they went to, and no words of the escalation', async () => {
    clock.set('2027-03-02T10:00:00Z');
    const inquiry = await register();
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    await t.app.inquiries.handOver(inquiry.id, staff.manager.id, staff.jonas.id);
    const escalation = await t.app.escalations.raise(inquiry.id, staff.jonas.id, { type: 'incident', whatHappened: 'Vaikas susižeidė kieme, Giedrė labai pyko.' });
    const lines = await rowsOf(inquiry.id);
    expect(lines.map((line) => [line.action, line.actor_id, line.subject_staff_id])).toEqual([
      ['claimed', staff.ona.id, staff.ona.id],
      ['handed_over', staff.manager.id, staff.jonas.id],
      ['escalated', staff.jonas.id, staff.manager.id],
    ]);
    expect(lines[1]!.details).toEqual({ fromId: staff.ona.id });
    expect(lines[2]!.details).toEqual({ escalationId: escalation.id, escalationType: 'incident' });
    expect(JSON.stringify(lines)).not.toContain('susižeidė');
  });

  it('R12.records: a role or manager change is audited once, in the change’s transaction; the same again adds nothing', async () => {
    clock.set('2027-03-02T11:00:00Z');
    const before = (await rows('subject_staff_id = $1', [staff.rasa.id])).length;
    await t.app.staff.setManager(admin.id, staff.rasa.id, staff.ona.id);
    await t.app.staff.setManager(admin.id, staff.rasa.id, staff.ona.id);
    await expectCode(t.app.staff.setManager(staff.jonas.id, staff.rasa.id, staff.jonas.id), 'STAFF.NOT_ALLOWED');
    const rasa = { firstName: 'Rasa', surname: 'Rasaitė', email: 'rasa@daigelis.lt', manager: 'ona@daigelis.lt' };
    await t.app.staff.importMembers([{ ...rasa, roles: ['representative', 'manager'] }]);
    await t.app.staff.importMembers([{ ...rasa, roles: ['manager', 'representative'] }]);
    const lines = (await rows('subject_staff_id = $1', [staff.rasa.id])).slice(before);
    expect(lines.map((line) => [line.action, line.actor_id, line.details])).toEqual([
      ['staff_manager_changed', admin.id, { before: staff.manager.id, after: staff.ona.id }],
      ['staff_role_changed', null, { before: 'representative', after: 'manager,representative' }],
    ]);
    // A new member's roles were audited when the directory was seeded (no actor: a file).
    expect(await rows(`action = 'staff_role_changed' AND subject_staff_id = $1`, [admin.id])).toMatchObject([{ actor_id: null, details: { before: '', after: 'admin' } }]);
  });

  it('R12.records: opening a letter is audited before the page is sent; a refused link is no opening', async () => {
    clock.set('2027-03-02T12:00:00Z');
    const { inquiry } = await t.app.inquiries.register({
      kind: 'complaint',
      channel: 'letter',
      client: { name: 'Petras Petraitis', email: null, phone: null, postalAddress: 'Vilniaus g. 10-3\nLT-44280 Kaunas', language: 'lt' },
      subject: 'Dėl maitinimo',
      body: 'Skundžiuosi dėl maitinimo.',
      receivedAt: '2027-03-01T09:00:00+02:00',
      registeredById: staff.ona.id,
    });
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    const letter = await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, 'Gerbiamas Petrai,\n\natsakome raštu.');
    const page = await fetch(`${t.app.url}/letters?${new URLSearchParams({ ...t.app.letterLinks.sign(letter.id, staff.ona.id) })}`);
    expect(page.status).toBe(200);
    expect(await rowsOf(inquiry.id, 'letter_opened')).toMatchObject([{ actor_id: staff.ona.id, registry_number: inquiry.registryNumber, details: { letterId: letter.id } }]);
    // A refused link is no opening.
    const forged = await fetch(`${t.app.url}/letters?${new URLSearchParams({ ...t.app.letterLinks.sign(letter.id, staff.ona.id), staff: staff.jonas.id })}`);
    expect(forged.status).toBe(403);
    expect(await rowsOf(inquiry.id, 'letter_opened')).toHaveLength(1);
  });

  it('R12.records: exporting a report’s CSV is audited before a row is sent', async () => {
    clock.set('2027-03-02T12:30:00Z');
    const period = { from: new Date('2027-03-01T00:00:00Z'), to: new Date('2027-03-02T00:00:00Z') };
    const link = new ReportLinks(SECRET, REPORT_LINK_LIFETIME_MS, clock).sign(period, staff.manager.id);
    const csv = await fetch(`${t.app.url}${REPORT_EXPORT_PATH}?${new URLSearchParams({ ...link })}`);
    expect(csv.status).toBe(200);
    await csv.text();
    expect(await rows(`action = 'exported' AND actor_id = $1`, [staff.manager.id])).toMatchObject([
      { inquiry_id: null, details: { report: 'quality', scope: 'team', from: '2027-03-01T00:00:00.000Z', to: '2027-03-02T00:00:00.000Z' } },
    ]);
  });

  it('R12.records: the log holds no client’s name, e-mail, phone or words, nor a staff member’s name or contacts', async () => {
    const all: Array<{ line: string }> = await t.app.dataSource.query(`SELECT row_to_json(a)::text AS line FROM audit_log a`);
    expect(all.length).toBeGreaterThan(10);
    const text = all.map((row) => row.line).join('\n');
    for (const personal of [CLIENT.name, CLIENT.email, CLIENT.phone, 'Žemaitienė', SUBJECT, BODY, 'Petras', 'Petraitis', 'Vilniaus g.', 'maitinimo', 'Onaitė', 'ona@daigelis.lt', '+37060000002', 'Vadovė']) {
      expect(text).not.toContain(personal);
    }
  });

  it('R12.records: a representative asking for the audit log is refused with a coded error; so is an unreadable period', async () => {
    await expectCode(t.app.audit.exportLink(staff.ona.id, '2027-03-01', '2027-03-31'), 'STAFF.NOT_ALLOWED');
    await expectCode(t.app.audit.exportLink(staff.manager.id, '2027-03-01', '2027-03-31'), 'STAFF.NOT_ALLOWED');
    await expectCode(t.app.audit.exportLink(admin.id, '2027-03-31', '2027-03-01'), 'AUDIT.PERIOD_INVALID');
    await expectCode(t.app.audit.exportLink(admin.id, '2027-02-30', '2027-03-01'), 'AUDIT.PERIOD_INVALID');
  });

  it('R12.records: the admin’s CSV over a period holds exactly that period’s lines, and the export is itself audited', async () => {
    // Three days, each with its own claims; the export asks for the middle one (institution's days, Europe/Vilnius).
    const claimed: Record<string, string[]> = {};
    for (const day of ['2027-03-10', '2027-03-11', '2027-03-12']) {
      claimed[day] = [];
      for (const time of ['T00:30:00+02:00', 'T12:00:00+02:00', 'T23:30:00+02:00']) {
        clock.set(`${day}${time}`);
        const inquiry = await register();
        await t.app.inquiries.claim(inquiry.id, staff.jonas.id);
        claimed[day]!.push(inquiry.id);
      }
    }
    clock.set('2027-03-13T09:00:00+02:00');
    const made = await t.app.audit.exportLink(admin.id, '2027-03-11', '2027-03-11');
    expect(made.period).toEqual({ from: new Date('2027-03-10T22:00:00Z'), to: new Date('2027-03-11T22:00:00Z') });
    const url = `${t.app.url}${AUDIT_EXPORT_PATH}?${new URLSearchParams({ ...made.query })}`;

    // The link names its admin: made for someone else, or altered, it opens nothing, and nothing is recorded.
    const exportsBefore = await rows(`action = 'audit_exported'`);
    expect((await fetch(url.replace(admin.id, staff.ona.id))).status).toBe(403);
    expect((await fetch(url.replace('from=', 'from=1'))).status).toBe(403);
    expect(await rows(`action = 'audit_exported'`)).toEqual(exportsBefore);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [header, ...lines] = (await response.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(header).toBe('id,at,actor_id,action,inquiry_id,registry_number,subject_staff_id,details');
    const expected = await rows('at >= $1 AND at < $2', [made.period.from, made.period.to]);
    expect(lines.map((line) => line.split(',')[0])).toEqual(expected.map((row) => row.id));
    expect(lines.map((line) => line.split(',')[4]).sort()).toEqual([...claimed['2027-03-11']!].sort());
    for (const line of lines) expect(line.split(',')[1]! >= '2027-03-10T22:00:00.000Z' && line.split(',')[1]! < '2027-03-11T22:00:00.000Z').toBe(true);

    expect(await rows(`action = 'audit_exported'`)).toMatchObject([
      ...exportsBefore,
      { actor_id: admin.id, at: new Date('2027-03-13T07:00:00Z'), details: { from: '2027-03-10T22:00:00.000Z', to: '2027-03-11T22:00:00.000Z' } },
    ]);

    // The link is short-lived.
    clock.set('2027-03-13T10:01:00+02:00');
    expect((await fetch(url)).status).toBe(403);
  });
});
