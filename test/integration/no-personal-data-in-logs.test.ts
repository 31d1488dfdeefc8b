import { randomBytes, randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { createTestDatabase, freePort, type TestDatabase } from '../support/database.js';
import { startDovecot, type TestMailbox } from '../support/dovecot.js';
import { DOVECOT, describeWith } from '../support/system-programs.js';
import { eventually } from '../support/app.js';
import { rfc822 } from '../mail/rfc822.js';

/**
 * The operator's view: `node dist/main.js` at LOG_LEVEL=trace, everything it prints on stdout and stderr.
 * Each intake and failure path gets its own distinctive person; none of their data may appear in the output.
 */

// A fresh tag per run, so a needle can only match this run's data.
const TAG = randomBytes(4).toString('hex');
const DIGITS = String(100 + (randomBytes(1)[0]! % 900));

interface Person {
  name: string;
  email: string;
  phone: string;
  subject: string;
  message: string;
  /** The parts to look for in the output: each word of the name, the address's local part, the phone's digits. */
  needles: string[];
}

let made = 0;
function person(path: string, subjectPrefix = ''): Person {
  const id = `${TAG}${path}`;
  made += 1;
  const phone = `+370 69${made % 10} 4${DIGITS}${Math.floor(made / 10)}`;
  const p = {
    name: `Vardenis${id} Pavardenis${id}`,
    email: `asmuo.${id}@example.lt`,
    phone,
    subject: `${subjectPrefix}Tema${id}`,
    message: `Žinutė${id}: norėčiau sužinoti apie vietas.`,
  };
  return { ...p, needles: [`Vardenis${id}`, `Pavardenis${id}`, `asmuo.${id}`, phone, phone.replace(/\D/g, ''), `Tema${id}`, `Žinutė${id}`] };
}

// Markers the test's trigger reacts to: a slow insert (to cut the connection under it) and a refused one.
const SLOW = 'Lėtas ';
const REFUSED = 'Atmestas ';

let database: TestDatabase;
let db: pg.Pool;
let box: TestMailbox;
let app: AppProcess;
let imap: ImapFlow;
const people: Person[] = [];
const used = (p: Person) => (people.push(p), p);

describeWith(DOVECOT, 'with a real Dovecot and the service as a process', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    box = await startDovecot();
    app = await startAppProcess('langelis', {
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      LOG_LEVEL: 'trace',
      IMAP_URL: `imap://${box.user}:${box.password}@${box.host}:${box.port}`,
      IMAP_POLL_SECONDS: '1',
      WEB_FORM_RATE_LIMIT: '6',
    });
    // The migrations ran: a trigger stands in for a database that refuses or stalls on particular data.
    await db.query(`
      CREATE FUNCTION test_misbehave() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.subject LIKE '${SLOW}%' THEN PERFORM pg_sleep(10); END IF;
        -- Worded as PostgreSQL words its own refusals: the value quoted, the key in DETAIL.
        IF NEW.subject LIKE '${REFUSED}%' THEN
          RAISE EXCEPTION 'value "%" violates check "%"', NEW.client_name, NEW.subject
            USING ERRCODE = '23514', DETAIL = 'Failing row contains (' || coalesce(NEW.client_email, '') || ', ' || NEW.body || ').';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query('CREATE TRIGGER test_misbehave BEFORE INSERT ON inquiries FOR EACH ROW EXECUTE FUNCTION test_misbehave()');
    imap = new ImapFlow({ host: box.host, port: box.port, secure: false, auth: { user: box.user, pass: box.password }, logger: false });
    await imap.connect();
  });
  afterAll(async () => {
    await imap?.logout();
    await app?.stop();
    await db?.end();
    await database?.drop();
    await box?.stop();
  });

  const formBody = (p: Person, overrides: Record<string, string> = {}) =>
    new URLSearchParams({ submissionId: randomUUID(), name: p.name, email: p.email, phone: p.phone, language: 'lt', kind: 'question', subject: p.subject, message: p.message, consent: 'on', ...overrides }).toString();
  const postForm = (body: string) => fetch(`${app.url}/inquiries`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const postJson = (body: string) => fetch(`${app.url}/inquiries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const registered = async (externalId: string) => Number((await db.query('SELECT count(*) FROM inquiries WHERE external_id = $1', [externalId])).rows[0].count);

  it('R12.records / R15.register: no name, address, phone, subject or message of a client reaches the log, on any intake or failure path', async () => {
    // Web form: valid, with NULs, invalid, as JSON, as broken JSON.
    expect((await postForm(formBody(used(person('web'))))).status).toBe(200);
    const nul = used(person('nul'));
    expect((await postForm(formBody(nul, { name: `${nul.name}\u0000`, message: `\u0000${nul.message}` }))).status).toBe(200);
    const invalid = used(person('invalid'));
    expect((await postForm(formBody(invalid, { email: `${invalid.email}@@`, consent: '' }))).status).toBe(400);
    const json = used(person('json'));
    expect((await postJson(JSON.stringify({ ...Object.fromEntries(new URLSearchParams(formBody(json))), consent: true }))).status).toBe(201);
    expect((await postJson(`{"name": "${used(person('broken')).name}", "email": `)).status).toBe(400);

    // The database refuses the registration, quoting the data in its error.
    expect((await postForm(formBody(used(person('refused', REFUSED))))).status).toBe(500);

    // The database connection is cut under a registration in flight.
    const slow = used(person('cut', SLOW));
    const inFlight = postForm(formBody(slow));
    const pid = await eventually(async () => {
      const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`);
      expect(rows).toHaveLength(1);
      return rows[0].pid as number;
    });
    await db.query('SELECT pg_terminate_backend($1)', [pid]);
    expect((await inFlight).status).toBe(500);

    // Over the per-address limit (6 in 10 minutes; five were counted above).
    const limited = used(person('limited'));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postForm(formBody(limited))).status);
    expect(statuses).toContain(429);

    // E-mail: valid, with NULs, refused by the database, unparseable, and a follow-up in a thread.
    const mail = (p: Person, id: string, extra: Partial<Parameters<typeof rfc822>[0]> = {}) =>
      rfc822({ from: `${p.name} <${p.email}>`, subject: p.subject, messageId: id, contentType: 'text/plain; charset=UTF-8', body: p.message, ...extra });
    const valid = used(person('mail'));
    const nulMail = used(person('mailnul'));
    const refusedMail = used(person('mailrefused', REFUSED));
    const garbage = used(person('garbage'));
    const followUp = used(person('followup'));
    const ids = { valid: `<valid.${TAG}@tevai.lt>`, nul: `<nul.${TAG}@tevai.lt>`, refused: `<refused.${TAG}@tevai.lt>`, followUp: `<follow.${TAG}@tevai.lt>` };
    await imap.append('INBOX', mail(valid, ids.valid));
    await imap.append('INBOX', mail(nulMail, ids.nul, { transferEncoding: 'quoted-printable', body: `${nulMail.message.replace(/[^\x20-\x7e]/g, '')}=00${TAG}` }));
    await imap.append('INBOX', mail(refusedMail, ids.refused));
    await imap.append('INBOX', Buffer.from(`\u0000${garbage.name} ${garbage.email}\r\n\r\n${garbage.subject}`, 'latin1'));
    await imap.append('INBOX', mail(followUp, ids.followUp, { extraHeaders: [`In-Reply-To: ${ids.valid}`] }));

    await eventually(async () => {
      expect(await registered(ids.valid)).toBe(1);
      expect(await registered(ids.nul)).toBe(1);
      const health = await (await fetch(`${app.url}/healthz`)).json();
      expect(health.mailbox.failedMessages).toBe(2);
      expect(Number((await db.query('SELECT count(*) FROM client_messages WHERE message_id = $1', [ids.followUp])).rows[0].count)).toBe(1);
    }, 30_000);

    expect(await app.stop()).toBe(0);
    const output = app.output();
    // The paths ran and were logged (by ids and codes) …
    expect(output.match(/web form inquiry not registered/g)).toHaveLength(2);
    expect(output).toContain('"reason":"db:23514"');
    expect(output).toContain('"reason":"INPUT.INVALID"');
    // … and none of the people's data is there.
    const leaks = people.flatMap((p) => p.needles).filter((needle) => output.includes(needle));
    expect(leaks).toEqual([]);
  });
});
