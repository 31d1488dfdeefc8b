import type { ImapFlow } from 'imapflow';
import type { MailboxMarks, MailIntakeFailures } from '../domain/mailbox.js';
import { scrubText } from '../logged-error.js';
import type { Logger } from '../logger.js';
import type { IntakeOutcome, MailIntake } from './intake.js';
import { failureReason, isInfrastructureFailure } from './intake-failure.js';
import { messageIdHash, rawMessageId } from './message-ref.js';
import { inInstitution, type InstitutionId } from '../domain/institution.js';

export interface ImapSettings {
  /** Issue #17: whose mailbox it is; every message read is that institution's work. */
  institution: InstitutionId;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Pause between polls while the server is reachable; with IDLE this is only the safety net. */
  pollMs: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

/**
 * Quiet time after our last command before imapflow enters IDLE on its own (its default is 15 s, during which
 * a new message would wait for the next poll). Short, because we send a command only when there is mail.
 */
const IDLE_AFTER_MS = 500;
/** Renew IDLE this often: RFC 2177 asks for under 29 minutes, and NAT boxes forget quiet connections sooner. */
const IDLE_RENEW_MS = 10 * 60_000;

/** What /healthz shows about the mailbox. */
export interface MailboxHealth {
  state: 'starting' | 'up' | 'down' | 'stopped' | 'standby';
  mailbox: string;
  /** `reader`: this instance reads the mailbox; `standby`: another instance does, this one takes over if it stops. */
  role?: 'reader' | 'standby';
  /** How new mail is noticed on the open connection: `idle` (announced by the server at once) or `poll` only. */
  watch: 'idle' | 'poll' | null;
  lastPollAt: string | null;
  /** Why the last attempt failed (no credentials or message content, just the error). */
  lastError: string | null;
  failures: number;
  /**
   * E-mails that could not be registered (R12.records): still in the mailbox, recorded in
   * `mail_intake_failures` with the reason; null until the reader has counted them.
   */
  failedMessages: number | null;
}

/** `imap://user:password@host:port` (or `imaps://`) → connection settings. */
export function parseImapUrl(url: string): Pick<ImapSettings, 'host' | 'port' | 'secure' | 'user' | 'password'> {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/**
 * Reads new messages by UID and hands each to the intake; the UID high-water mark in our database moves
 * only after the intake committed, so a crash in between re-reads the message and the idempotent
 * registration keeps it single. A failing server is retried with exponential backoff.
 *
 * The mailbox stays selected between reads and imapflow IDLEs on it when the server offers IDLE: the server's
 * EXISTS announcement starts a read at once. The periodic poll stays as the fallback for servers without IDLE
 * and for an announcement lost with a connection. Every read — timer, announcement, `pollNow()` — goes through
 * one chain, so two reads never run at the same time.
 */
export class ImapPoller {
  private client: ImapFlow | null = null;
  private timer: NodeJS.Timeout | null = null;
  private cycle: Promise<void> = Promise.resolve();
  private loop: Promise<void> = Promise.resolve();
  private looping = false;
  /** A read was asked for and has not begun yet; announcements during a read set it again. */
  private readWanted = false;
  private stopped = true;
  private readonly status: MailboxHealth;

  constructor(
    private readonly settings: ImapSettings,
    private readonly intake: MailIntake,
    private readonly marks: MailboxMarks,
    private readonly failed: MailIntakeFailures,
    private readonly logger: Logger,
  ) {
    this.status = { state: 'stopped', mailbox: settings.mailbox, watch: null, lastPollAt: null, lastError: null, failures: 0, failedMessages: null };
  }

  start(): void {
    this.stopped = false;
    this.status.state = 'starting';
    this.requestRead();
  }

  /** Finishes the read under way (never cuts a message in half), then logs out. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.loop;
    await this.cycle;
    await this.disconnect();
    this.status.state = 'stopped';
  }

  health(): MailboxHealth {
    return { ...this.status };
  }

  /** One poll now, after any poll under way; rejects if the mailbox cannot be read. */
  pollNow(): Promise<void> {
    const run = this.cycle.then(() => this.poll());
    this.cycle = run.catch(() => undefined);
    return run;
  }

  /**
   * Reads until nobody asks for more, then arms the next fallback poll (or the backoff after a failure).
   * Announcements that arrive while a read runs fold into one more read instead of piling up.
   */
  private requestRead(): void {
    if (this.stopped) return;
    this.readWanted = true;
    if (this.looping) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.looping = true;
    this.loop = this.readWhileWanted();
  }

  private async readWhileWanted(): Promise<void> {
    let next = this.settings.pollMs;
    while (this.readWanted && !this.stopped) {
      this.readWanted = false;
      try {
        await this.pollNow();
      } catch {
        next = Math.min(this.settings.baseBackoffMs * 2 ** (this.status.failures - 1), this.settings.maxBackoffMs);
        break;
      }
    }
    this.looping = false;
    this.schedule(next);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.requestRead();
    }, delayMs);
  }

  private poll(): Promise<void> {
    return inInstitution(this.settings.institution, () => this.read());
  }

  private async read(): Promise<void> {
    try {
      const client = await this.connect();
      const lock = await client.getMailboxLock(this.settings.mailbox);
      try {
        await this.readNew(client);
      } finally {
        // Releasing the lock lets imapflow go back to IDLE after IDLE_AFTER_MS.
        lock.release();
      }
      this.status.state = 'up';
      this.status.failures = 0;
      this.status.lastError = null;
      this.status.lastPollAt = new Date().toISOString();
    } catch (error) {
      this.status.state = 'down';
      this.status.failures += 1;
      // /healthz is public: the same scrubbing as a log line (a database's message may quote a value).
      this.status.lastError = scrubText(error instanceof Error ? error.message : String(error));
      this.logger.warn({ mailbox: this.settings.mailbox, failures: this.status.failures, err: error }, 'mailbox poll failed; will retry');
      await this.disconnect();
      throw error;
    }
  }

  private async readNew(client: ImapFlow): Promise<void> {
    // The mailbox stays selected between polls; NOOP brings in what arrived meanwhile (EXISTS).
    await client.noop();
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`mailbox ${this.settings.mailbox} is not open`);
    const uidValidity = String(mailbox.uidValidity);
    const mark = await this.marks.get(this.settings.mailbox);
    // A new UIDVALIDITY renumbers the mailbox: read it all again; Message-IDs keep that from registering twice.
    let lastUid = mark && mark.uidValidity === uidValidity ? mark.lastUid : 0;
    this.status.failedMessages = await this.failed.count(this.settings.mailbox);
    if (mailbox.exists === 0) return;
    // UIDs first: `n:*` always includes the newest message even when it is older than n, and with IDLE most
    // reads find nothing new; asking for UIDs keeps such a read from downloading that message again.
    const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    if (!found || !found.some((uid) => uid > lastUid)) return;
    for await (const message of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true, internalDate: true }, { uid: true })) {
      // The same quirk of `n:*` as above: skip what was read before.
      if (message.uid <= lastUid || !message.source) continue;
      const received = message.internalDate instanceof Date ? message.internalDate : new Date();
      const outcome = await this.processOne(message.source, received, { uidValidity, uid: message.uid });
      lastUid = message.uid;
      await this.marks.set(this.settings.mailbox, { uidValidity, lastUid });
      this.logger.info({ uid: message.uid, outcome }, 'e-mail processed');
    }
    this.status.failedMessages = await this.failed.count(this.settings.mailbox);
  }

  /**
   * One message through the intake. A message that cannot be registered is recorded as failed and counts as
   * processed, so the ones after it are not held up (R12.records, R15.register); it stays in the mailbox.
   * When the database or the network is what failed, the error propagates: the poll fails, the mark stays,
   * and the message is tried again after the backoff.
   */
  private async processOne(source: Buffer, received: Date, where: { uidValidity: string; uid: number }): Promise<IntakeOutcome | 'failed'> {
    let reason: string;
    try {
      const outcome = await this.intake.process(source, received);
      if (outcome !== 'unusable') return outcome;
      reason = 'INPUT.INVALID';
    } catch (error) {
      // A query that failed because of what the message holds leaves the database answering; one that failed
      // because the database went away does not.
      if (isInfrastructureFailure(error) || !(await this.failed.reachable())) throw error;
      reason = failureReason(error);
    }
    const failure = { mailbox: this.settings.mailbox, ...where, messageIdHash: messageIdHash(rawMessageId(source)), reason };
    await this.failed.record(failure);
    // Ids and the reason only: the error's own text may quote the sender.
    this.logger.error(failure, 'e-mail could not be registered; kept in the mailbox and recorded as failed');
    return 'failed';
  }

  private async connect(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    await this.disconnect();
    // Loaded on first use, like the parser: a service without IMAP_URL never needs it.
    const { ImapFlow } = await import('imapflow');
    const client = new ImapFlow({
      host: this.settings.host,
      port: this.settings.port,
      secure: this.settings.secure,
      auth: { user: this.settings.user, pass: this.settings.password },
      logger: false,
      autoIdleDelay: IDLE_AFTER_MS,
      maxIdleTime: IDLE_RENEW_MS,
      // Deadlines, so a server that accepts the connection and never answers fails the poll (and shows in
      // /healthz) instead of holding it. A quiet IDLE is not a timeout: imapflow probes it with a NOOP.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 120_000,
    });
    // Without a listener a dropped connection would crash the process; the next poll reconnects.
    client.on('error', (error: unknown) => this.logger.warn({ err: error }, 'IMAP connection error'));
    // The server announces new mail while we IDLE (or answer a keep-alive NOOP): read it now.
    client.on('exists', (event: { count: number; prevCount: number }) => {
      if (client === this.client && event.count > event.prevCount) this.wake();
    });
    // A connection that drops between reads would otherwise go unnoticed until the next fallback poll.
    client.on('close', () => {
      if (client === this.client) this.wake();
    });
    await client.connect();
    this.client = client;
    this.status.watch = client.capabilities.has('IDLE') ? 'idle' : 'poll';
    return client;
  }

  /** A read asked for by the connection; a mailbox that is down waits out its backoff instead. */
  private wake(): void {
    if (this.status.state !== 'down') this.requestRead();
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.status.watch = null;
    if (!client) return;
    await client.logout().catch(() => client.close());
  }
}
