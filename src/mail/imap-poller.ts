import { ImapFlow } from 'imapflow';
import type { Logger } from '../logger.js';
import type { MailboxMarks } from '../persistence/mailbox-marks.js';
import type { MailIntake } from './intake.js';

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Pause between polls while the server is reachable. */
  pollMs: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

/** What /healthz shows about the mailbox. */
export interface MailboxHealth {
  state: 'starting' | 'up' | 'down' | 'stopped';
  mailbox: string;
  lastPollAt: string | null;
  /** Why the last attempt failed (no credentials or message content, just the error). */
  lastError: string | null;
  failures: number;
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
 */
export class ImapPoller {
  private client: ImapFlow | null = null;
  private timer: NodeJS.Timeout | null = null;
  private cycle: Promise<void> = Promise.resolve();
  private stopped = true;
  private readonly status: MailboxHealth;

  constructor(
    private readonly settings: ImapSettings,
    private readonly intake: MailIntake,
    private readonly marks: MailboxMarks,
    private readonly logger: Logger,
  ) {
    this.status = { state: 'stopped', mailbox: settings.mailbox, lastPollAt: null, lastError: null, failures: 0 };
  }

  start(): void {
    this.stopped = false;
    this.status.state = 'starting';
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
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

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pollNow().then(
        () => this.schedule(this.settings.pollMs),
        () => this.schedule(Math.min(this.settings.baseBackoffMs * 2 ** (this.status.failures - 1), this.settings.maxBackoffMs)),
      );
    }, delayMs);
  }

  private async poll(): Promise<void> {
    try {
      const client = await this.connect();
      const lock = await client.getMailboxLock(this.settings.mailbox);
      try {
        await this.readNew(client);
      } finally {
        lock.release();
      }
      this.status.state = 'up';
      this.status.failures = 0;
      this.status.lastError = null;
      this.status.lastPollAt = new Date().toISOString();
    } catch (error) {
      this.status.state = 'down';
      this.status.failures += 1;
      this.status.lastError = error instanceof Error ? error.message : String(error);
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
    if (mailbox.exists === 0) return;
    for await (const message of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true, internalDate: true }, { uid: true })) {
      // `n:*` always includes the newest message, even when it is older than n.
      if (message.uid <= lastUid || !message.source) continue;
      const received = message.internalDate instanceof Date ? message.internalDate : new Date();
      const outcome = await this.intake.process(message.source, received);
      lastUid = message.uid;
      await this.marks.set(this.settings.mailbox, { uidValidity, lastUid });
      this.logger.info({ uid: message.uid, outcome }, 'e-mail processed');
    }
  }

  private async connect(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    await this.disconnect();
    const client = new ImapFlow({
      host: this.settings.host,
      port: this.settings.port,
      secure: this.settings.secure,
      auth: { user: this.settings.user, pass: this.settings.password },
      logger: false,
    });
    // Without a listener a dropped connection would crash the process; the next poll reconnects.
    client.on('error', (error: unknown) => this.logger.warn({ err: error }, 'IMAP connection error'));
    await client.connect();
    this.client = client;
    return client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    await client.logout().catch(() => client.close());
  }
}
