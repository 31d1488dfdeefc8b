import { erasureReply } from '../../src/bot/core/commands/erasure-reply.js';
import type { ErasureResult } from '../../src/domain/erasure.service.js';
import type { DomainError } from '../../src/domain/errors.js';
import type { StaffMember } from '../../src/domain/staff.js';
import { emailedRequest, eventually, ManualClock, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue #15 item 3 (erasure on request), through the running service on a real PostgreSQL: an admin's `erase` takes
 * the person's closed inquiry's personal data at once (no waiting for its retention period), keeps the ones under
 * legal hold, still open or under a statutory duty, lists them with the reason, and touches nobody else's data.
 */

const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
const recorder = new RecordingNotifier();
let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
let admin: StaffMember;

/** The family asking to be erased; `words` are unique to the inquiry that is anonymised. */
const FAMILY = { name: 'Ieva Trynimienė', email: 'ieva.trynimas@example.lt', phone: '+37069990002', language: 'lt' };
const WORDS = { subject: 'TRYNIMAS-TEMA dėl dietos', body: 'TRYNIMAS-LAIŠKAS: vaikui netinka pienas.', note: 'TRYNIMAS-PASTABA apie valgiaraštį' };
const PERSON_NEEDLES = ['Trynimien', 'ieva.trynimas', '69990002'];
/** Another family, whose inquiry must be left exactly as it was. */
const OTHER = { name: 'Tomas Kitavičius', email: 'tomas.kitas@example.lt', phone: '+37069990003', language: 'lt' };

type Ref = { id: string; registryNumber: string };

async function inquiryOf(client: object, { close = true, kind = 'request', words = {} as object, note = '' } = {}): Promise<Ref> {
  const { inquiry } = await t.app.inquiries.register(emailedRequest({ client, kind, ...words }));
  await t.app.inquiries.claim(inquiry.id, staff.ona.id);
  if (note) await t.app.inquiries.recordProgress(inquiry.id, staff.ona.id, { note });
  if (!close) return inquiry;
  await t.app.inquiries.recordFirstReply(inquiry.id, staff.ona.id);
  await t.app.inquiries.resolve(inquiry.id, staff.ona.id);
  await t.app.inquiries.close(inquiry.id, staff.ona.id);
  return inquiry;
}

const settled = () =>
  eventually(async () => {
    const [row] = await t.app.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL');
    expect(row.n).toBe(0);
  });

/** Everything stored of the inquiries (their rows and their timelines), to compare before and after. */
const snapshot = async (ids: readonly string[]) =>
  JSON.stringify([
    await t.app.dataSource.query('SELECT * FROM inquiries WHERE id = ANY($1) ORDER BY id', [ids]),
    await t.app.dataSource.query('SELECT * FROM inquiry_timeline WHERE inquiry_id = ANY($1) ORDER BY id', [ids]),
  ]);

/** The columns (`table.column`) of the rows of one inquiry that hold `needle`, in every table that names the inquiry. */
async function foundOnInquiry(inquiryId: string, needle: string): Promise<string[]> {
  const tables: Array<{ table_name: string }> = await t.app.dataSource.query(
    `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'inquiry_id'`,
  );
  const found: string[] = [];
  for (const { table_name: table } of [...tables, { table_name: 'inquiries' }]) {
    const key = table === 'inquiries' ? 'id' : 'inquiry_id';
    const [row] = await t.app.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" r WHERE r."${key}" = $1 AND row_to_json(r)::text ILIKE '%' || $2 || '%'`, [inquiryId, needle]);
    if (row.n > 0) found.push(table);
  }
  return found;
}

/** Every text column of every table holding `needle`: for words that only the erased inquiry ever had. */
async function foundAnywhere(needle: string): Promise<string[]> {
  const columns: Array<{ table_name: string; column_name: string }> = await t.app.dataSource.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [row] = await t.app.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE '%' || $1 || '%'`, [needle]);
    if (row.n > 0) found.push(`${table}.${column}`);
  }
  return found;
}

const auditLines = () =>
  t.app.dataSource.query(`SELECT actor_id, action, registry_number, details FROM audit_log WHERE action IN ('erasure_requested', 'anonymised') ORDER BY id`);

beforeAll(async () => {
  t = await startTestApp({ clock, notifiers: [recorder] }, undefined, {
    LETTER_LINK_SECRET: 'erasure-link-secret-for-tests-0123456789',
    // The institution's archival index names questions too here (complaints are the default): a list, read once.
    RETENTION_DUTY_KINDS: ' complaint, Question ',
  });
  staff = await seedStaff(t.app);
  await t.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Administratorė', email: 'aldona@daigelis.lt', roles: ['admin'] }]);
  const [row] = await t.app.dataSource.query(`SELECT id FROM staff_members WHERE email = 'aldona@daigelis.lt'`);
  admin = { ...staff.ona, id: row.id, roles: ['admin'] };
});
afterAll(() => t?.stop());

describe('R12.records: erasure on request', () => {
  let closed: Ref;
  let held: Ref;
  let open: Ref;
  let statutory: Ref;
  let other: Ref;
  let keptBefore: string;
  let otherBefore: string;
  let first: ErasureResult;

  beforeAll(async () => {
    closed = await inquiryOf(FAMILY, { words: { subject: WORDS.subject, body: WORDS.body }, note: WORDS.note });
    held = await inquiryOf(FAMILY);
    await t.app.retention.setLegalHold(admin.id, held.registryNumber, true);
    open = await inquiryOf(FAMILY, { close: false, note: 'atviro kreipimosi pastaba' });
    statutory = await inquiryOf(FAMILY, { kind: 'question' });
    other = await inquiryOf(OTHER);
    await settled();
    keptBefore = await snapshot([held.id, open.id, statutory.id]);
    otherBefore = await snapshot([other.id]);
  });

  test('R12.records: erasure by a representative or a manager is refused (STAFF.NOT_ALLOWED) and changes nothing', async () => {
    const everything = await snapshot([closed.id, held.id, open.id, statutory.id, other.id]);
    for (const member of [staff.ona, staff.manager]) {
      await expect(t.app.erasure.erase(member.id, FAMILY.email)).rejects.toMatchObject({ code: 'STAFF.NOT_ALLOWED' } satisfies Partial<DomainError>);
    }
    await expect(t.app.erasure.erase(admin.id, 'Ieva Trynimienė')).rejects.toMatchObject({ code: 'SUBJECT_ACCESS.CONTACT_INVALID' });
    expect(await snapshot([closed.id, held.id, open.id, statutory.id, other.id])).toBe(everything);
    expect(await auditLines()).toEqual([]);
  });

  test('R12.records: erase by e-mail anonymises the closed inquiry at once; the held, open and statutory ones are kept with the reason', async () => {
    first = await t.app.erasure.erase(admin.id, '  Ieva.Trynimas@Example.LT ');
    await settled();
    expect(first.matchedBy).toBe('email');
    expect(first.anonymised).toEqual([closed.registryNumber]);
    expect(first.alreadyAnonymised).toEqual([]);
    const [{ closed_at: closedAt }] = await t.app.dataSource.query('SELECT closed_at FROM inquiries WHERE id = $1', [statutory.id]);
    expect(first.kept).toEqual([
      { registryNumber: held.registryNumber, reason: 'legal_hold', until: null },
      { registryNumber: open.registryNumber, reason: 'retention_duty', until: null },
      // A kind in RETENTION_DUTY_KINDS is kept for its whole period (RETENTION_DAYS_QUESTION, 1095 days by default).
      { registryNumber: statutory.registryNumber, reason: 'retention_duty', until: new Date(closedAt.getTime() + 1095 * 24 * 3_600_000) },
    ]);
  });

  test('R12.records: the erased inquiry holds none of the family’s data; its number, kind, channel and dates stay', async () => {
    for (const needle of PERSON_NEEDLES) expect({ needle, found: await foundOnInquiry(closed.id, needle) }).toEqual({ needle, found: [] });
    for (const needle of ['TRYNIMAS-']) expect({ needle, found: await foundAnywhere(needle) }).toEqual({ needle, found: [] });
    const [row] = await t.app.dataSource.query('SELECT registry_number, kind, channel, status, received_at, closed_at, anonymised_at FROM inquiries WHERE id = $1', [closed.id]);
    expect(row).toMatchObject({ registry_number: closed.registryNumber, kind: 'request', channel: 'email', status: 'closed' });
    expect(row.received_at).not.toBeNull();
    expect(row.anonymised_at).not.toBeNull();
  });

  test('R12.records: the kept inquiries and the other family’s are untouched', async () => {
    expect(await snapshot([held.id, open.id, statutory.id])).toBe(keptBefore);
    expect(await snapshot([other.id])).toBe(otherBefore);
    for (const needle of ['Kitavičius', 'tomas.kitas', '69990003']) expect((await foundOnInquiry(other.id, needle)).length).toBeGreaterThan(0);
  });

  test('R12.records: the request and the anonymisation are in the audit log, without the contact', async () => {
    const lines = await auditLines();
    expect(lines).toEqual([
      { actor_id: admin.id, action: 'anonymised', registry_number: closed.registryNumber, details: {} },
      {
        actor_id: admin.id,
        action: 'erasure_requested',
        registry_number: null,
        details: {
          matchedBy: 'email',
          inquiries: 4,
          anonymised: 1,
          registryNumbers: closed.registryNumber,
          kept: `${held.registryNumber}:legal_hold ${open.registryNumber}:retention_duty ${statutory.registryNumber}:retention_duty`,
          alreadyAnonymised: '',
        },
      },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/trynimas|69990002/i);
  });

  test('R12.records: the admin’s reply names registry numbers and reasons, never the contact', () => {
    const reply = erasureReply(first, 'lt', 'Europe/Vilnius');
    expect(reply.kind).toBe('text');
    const text = reply.kind === 'text' ? reply.text : '';
    for (const ref of [closed, held, open, statutory]) expect(text).toContain(ref.registryNumber);
    expect(text).toContain('teisinis draudimas');
    expect(text).not.toMatch(/trynimas|69990002|Ieva/i);
    const english = erasureReply(first, 'en', 'Europe/Vilnius');
    expect(english.kind === 'text' && english.text).toContain('under legal hold');
  });

  test('R12.records: a second erase (by phone, typed nationally) changes nothing and leaves one more request line', async () => {
    const everything = await snapshot([closed.id, held.id, open.id, statutory.id, other.id]);
    const again = await t.app.erasure.erase(admin.id, '8 699 90002');
    await settled();
    expect(again).toEqual({ ...first, matchedBy: 'phone', anonymised: [] });
    expect(await snapshot([closed.id, held.id, open.id, statutory.id, other.id])).toBe(everything);
    const lines = await auditLines();
    expect(lines.map((line: { action: string }) => line.action)).toEqual(['anonymised', 'erasure_requested', 'erasure_requested']);
    expect(lines[2].details).toMatchObject({ matchedBy: 'phone', inquiries: 3, anonymised: 0, registryNumbers: '' });
  });
});
