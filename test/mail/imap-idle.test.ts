import { ImapFlow } from 'imapflow';
import { DEFAULT_MAIL_TIMINGS } from '../../src/mail/index.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { LEASE_APPLICATION_NAME } from '../../src/persistence/mailbox-lease.postgres.js';
import { eventually, RecordingNotifier, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startDovecot, type TestMailbox } from '../support/dovecot.js';
import { DOVECOT, describeWith } from '../support/system-programs.js';
import { rfc822 } from './rfc822.js';

/** The promise of issue #10: a new e-mail is announced within this time of reaching the mailbox. */
const ANNOUNCED_WITHIN_MS = 5_000;
/** Lease retries in these tests; production retries every DEFAULT_MAIL_TIMINGS.leaseRetryMs. */
const LEASE_RETRY_MS = 300;

interface LogLine {
  level: number;
  msg: string;
}

/** The app's own logger, whose lines the test can read; `warnings()` leaves out the start report (unset options). */
function capturedLog(): { logger: Logger; started: () => void; warnings: () => string[] } {
  const lines: LogLine[] = [];
  let from = 0;
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return {
    logger,
    started: () => (from = lines.length),
    warnings: () => lines.slice(from).filter((line) => line.level >= 40).map((line) => line.msg),
  };
}

/** One running instance and what its intake read. */
interface Instance {
  name: string;
  t: TestApp;
  notifier: RecordingNotifier;
  /** Message-IDs this instance's intake processed (from the parsed message; the intake itself is untouched). */
  read: string[];
  log: ReturnType<typeof capturedLog>;
}

const message = (id: string) =>
  rfc822({ from: 'Giedrė <giedre@example.lt>', subject: 'Dėl vietos darželyje', messageId: `<${id}@tevai.lt>`, contentType: 'text/plain; charset=UTF-8', body: 'Ar yra laisvų vietų?' });

describeWith(DOVECOT, 'IMAP IDLE and a single reader, with a real Dovecot', () => {
  let box: TestMailbox | undefined;
  let imap: ImapFlow | undefined;
  let database: TestDatabase;
  const instances: Instance[] = [];

  beforeEach(async () => {
    // A fresh database per test, and each test opens its own mailbox: every message in it belongs to the test.
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const instance of instances.splice(0)) await instance.t.stop();
    await imap?.logout();
    await database?.drop();
    await box?.stop();
    imap = undefined;
    box = undefined;
  });

  async function openMailbox(extraConfig: string[] = []): Promise<TestMailbox> {
    const mailbox = await startDovecot(undefined, extraConfig);
    box = mailbox;
    const client = new ImapFlow({ host: mailbox.host, port: mailbox.port, secure: false, auth: { user: mailbox.user, pass: mailbox.password }, logger: false });
    await client.connect();
    imap = client;
    return mailbox;
  }

  async function start(name: string, pollSeconds = '3600'): Promise<Instance> {
    const notifier = new RecordingNotifier();
    const log = capturedLog();
    const t = await startTestApp({ notifiers: [notifier], mail: { leaseRetryMs: LEASE_RETRY_MS } }, database, { IMAP_URL: box!.url, IMAP_POLL_SECONDS: pollSeconds }, log.logger);
    log.started();
    const instance: Instance = { name, t, notifier, read: [], log };
    const intake = t.app.mail.intake;
    const processMessage = intake.process.bind(intake);
    intake.process = async (source, receivedAt) => {
      instance.read.push(/^Message-ID: (\S+)/im.exec(source.toString('latin1'))?.[1] ?? '?');
      return processMessage(source, receivedAt);
    };
    instances.push(instance);
    return instance;
  }

  const health = async (instance: Instance) => (await (await fetch(`${instance.t.app.url}/healthz`)).json()).mailbox;
  const inquiriesWith = async (id: string) =>
    Number((await instances[0]!.t.app.dataSource.query('SELECT count(*) FROM inquiries WHERE external_id = $1', [`<${id}@tevai.lt>`]))[0].count);

  /** Appends the message and waits for its announcement in the staff channel; the time it took. */
  async function deliverAndAwaitAnnouncement(id: string, notified: () => RecordingNotifier[]): Promise<number> {
    const appendedAt = Date.now();
    await imap!.append('INBOX', message(id));
    const [row] = await eventually(async () => {
      const rows = await instances[0]!.t.app.dataSource.query('SELECT id FROM inquiries WHERE external_id = $1', [`<${id}@tevai.lt>`]);
      expect(rows).toHaveLength(1);
      return rows;
    }, ANNOUNCED_WITHIN_MS);
    await eventually(() => {
      const announced = notified().flatMap((notifier) => notifier.ofType('registered')).filter((event) => event.inquiryId === row.id);
      expect(announced).toHaveLength(1);
    }, ANNOUNCED_WITHIN_MS);
    const took = Date.now() - appendedAt;
    if (process.env.SHOW_LATENCY) process.stderr.write(`${id}: announced ${took} ms after the append\n`);
    return took;
  }

  it(`R15.register: with IDLE a new e-mail is registered and announced within ${ANNOUNCED_WITHIN_MS / 1000} s although the next poll is an hour away`, async () => {
    await openMailbox();
    const a = await start('a');
    await eventually(async () => expect(await health(a)).toMatchObject({ state: 'up', role: 'reader', watch: 'idle', mailbox: 'INBOX' }));

    expect(await deliverAndAwaitAnnouncement('idle-1', () => [a.notifier])).toBeLessThan(ANNOUNCED_WITHIN_MS);
    // After a read the connection goes back to IDLE: the next message is just as quick.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await deliverAndAwaitAnnouncement('idle-2', () => [a.notifier])).toBeLessThan(ANNOUNCED_WITHIN_MS);

    expect(a.read).toEqual(['<idle-1@tevai.lt>', '<idle-2@tevai.lt>']);
    await a.t.stop();
    instances.splice(0);
    // A normal stop ends the IDLE, logs out and frees the lease without a single warning.
    expect(a.log.warnings()).toEqual([]);
  });

  it('R15.register / R12.records: two instances on one database — one reads the mailbox, each e-mail is registered once; when the reader stops the other takes over', async () => {
    await openMailbox();
    const a = await start('a');
    const b = await start('b');
    await eventually(async () => expect([(await health(a)).role, (await health(b)).role].sort()).toEqual(['reader', 'standby']));
    const [reader, standby] = (await health(a)).role === 'reader' ? [a, b] : [b, a];
    await eventually(async () => expect(await health(reader)).toMatchObject({ state: 'up', watch: 'idle' }));
    expect(await health(standby)).toMatchObject({ state: 'standby', role: 'standby', lastPollAt: null });

    for (const id of ['pair-1', 'pair-2', 'pair-3']) await deliverAndAwaitAnnouncement(id, () => [a.notifier, b.notifier]);
    for (const id of ['pair-1', 'pair-2', 'pair-3']) expect(await inquiriesWith(id)).toBe(1);
    expect(reader.read).toEqual(['<pair-1@tevai.lt>', '<pair-2@tevai.lt>', '<pair-3@tevai.lt>']);
    expect(standby.read).toEqual([]);

    const stoppedAt = Date.now();
    await reader.t.stop();
    instances.splice(instances.indexOf(reader), 1);
    await eventually(async () => expect(await health(standby)).toMatchObject({ state: 'up', role: 'reader', watch: 'idle' }), 60_000);
    // Within a minute of the stop; the standby needs one retry interval, which production keeps at 15 s.
    expect(Date.now() - stoppedAt).toBeLessThan(60_000);
    expect(DEFAULT_MAIL_TIMINGS.leaseRetryMs).toBeLessThanOrEqual(20_000);

    await deliverAndAwaitAnnouncement('pair-4', () => [standby.notifier]);
    expect(await inquiriesWith('pair-4')).toBe(1);
    // The new reader continues from the mark the old one left: nothing read twice.
    expect(standby.read).toEqual(['<pair-4@tevai.lt>']);
    expect(reader.log.warnings()).toEqual([]);
    expect(standby.log.warnings()).toEqual([]);
  });

  it('R12.records: when the reader loses its database session (as in a database restart) it stops reading and exactly one instance reads on', async () => {
    await openMailbox();
    const a = await start('a');
    const b = await start('b');
    await eventually(async () => expect([(await health(a)).role, (await health(b)).role].sort()).toEqual(['reader', 'standby']));
    await deliverAndAwaitAnnouncement('restart-1', () => [a.notifier, b.notifier]);

    // PostgreSQL ends the session that holds the lease, as a restart would end them all.
    const terminated = await a.t.app.dataSource.query(
      `SELECT pg_terminate_backend(l.pid) AS done FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND s.application_name = $1 AND s.datname = current_database()`,
      [LEASE_APPLICATION_NAME],
    );
    expect(terminated).toEqual([{ done: true }]);

    // Both processes live on (a pg client without an 'error' listener would have crashed this one); the reader
    // pauses at once, and then one of the two — either — holds the lease again.
    // Whichever notices first — the session's end, or the next check of the lease — pauses the reader.
    const paused = ['mailbox lease lost with its database session; reading paused', 'mailbox lease not confirmed; standing by'];
    await eventually(() => expect([...a.log.warnings(), ...b.log.warnings()].filter((warning) => paused.includes(warning))).not.toHaveLength(0));
    await eventually(async () => expect([(await health(a)).role, (await health(b)).role].sort()).toEqual(['reader', 'standby']));
    await deliverAndAwaitAnnouncement('restart-2', () => [a.notifier, b.notifier]);
    expect(await inquiriesWith('restart-1')).toBe(1);
    expect(await inquiriesWith('restart-2')).toBe(1);
    expect([...a.read, ...b.read].sort()).toEqual(['<restart-1@tevai.lt>', '<restart-2@tevai.lt>']);
  });

  it('R15.register: a server without IDLE is still read, by the periodic poll', async () => {
    // Dovecot with a capability list that leaves IDLE out: imapflow then never IDLEs.
    await openMailbox(['imap_capability = IMAP4rev1 LITERAL+ SASL-IR ENABLE UIDPLUS']);
    const a = await start('a', '1');
    await eventually(async () => expect(await health(a)).toMatchObject({ state: 'up', role: 'reader', watch: 'poll' }));
    expect(await deliverAndAwaitAnnouncement('poll-1', () => [a.notifier])).toBeLessThan(ANNOUNCED_WITHIN_MS);
    expect(a.read).toEqual(['<poll-1@tevai.lt>']);
  });
});
