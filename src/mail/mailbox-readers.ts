import type { InstitutionId } from '../domain/institution.js';
import type { MailboxSettings } from '../domain/institution-mailbox.js';
import type { MailboxLease, MailboxMarks, MailIntakeFailures } from '../domain/mailbox.js';
import type { Logger } from '../logger.js';
import { ImapPoller, parseImapUrl, type MailboxHealth } from './imap-poller.js';
import type { MailIntake } from './intake.js';
import type { MailboxDirectory } from './mailbox-directory.js';
import { SingleMailboxReader } from './single-reader.js';

/** What every institution's intake shares. */
export interface ReaderParts {
  intake: MailIntake;
  marks: MailboxMarks;
  failures: MailIntakeFailures;
  /** The lease of the mailbox named by `identity`, the same for every instance configured with that mailbox. */
  lease(identity: string): MailboxLease;
  pollMs: number;
  leaseRetryMs: number;
  logger: Logger;
}

interface Running {
  /** The server, login and folder it reads; a change in any of them starts a new reader. */
  key: string;
  poller: ImapPoller;
  reader: SingleMailboxReader;
}

/**
 * Issue #17, item 6: each institution's mailbox read by one instance at a time. Every instance keeps a reader per
 * institution with an IMAP server, each under its own lease: the one holding the lease reads, the others stand by.
 * Every message read is its institution's work (the poller names it). Readers follow the directory: a mailbox
 * added, changed or removed by an admin starts, restarts or stops its reader here within a minute.
 */
export class MailboxReaders {
  private readonly running = new Map<InstitutionId, Running>();
  private started = false;
  /** Reconciliations run one after another, so a reader is never started and stopped at the same time. */
  private reconciling: Promise<void> = Promise.resolve();

  constructor(
    private readonly directory: MailboxDirectory,
    private readonly parts: ReaderParts,
  ) {
    directory.onChange(() => this.reconcile());
  }

  /** The reader of `institution`'s mailbox (a test seam reads it at once with `pollNow()`); null without one. */
  poller(institution: InstitutionId): ImapPoller | null {
    return this.running.get(institution)?.poller ?? null;
  }

  health(institution: InstitutionId): MailboxHealth | null {
    return this.running.get(institution)?.reader.health() ?? null;
  }

  /** How many institutions' mailboxes this instance reads, stands by for, or cannot reach (/healthz: no names). */
  counts(): { reading: number; standby: number; down: number } {
    const healths = [...this.running.values()].map(({ reader }) => reader.health());
    return {
      reading: healths.filter((health) => health.role === 'reader').length,
      standby: healths.filter((health) => health.role !== 'reader').length,
      down: healths.filter((health) => health.state === 'down').length,
    };
  }

  start(): Promise<void> {
    this.started = true;
    return this.reconcile();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.reconcile();
  }

  /** Makes the running readers what the directory says (all stopped once the intake stops). */
  reconcile(): Promise<void> {
    this.reconciling = this.reconciling.then(async () => {
      const wanted = this.started ? this.directory.all() : new Map<InstitutionId, MailboxSettings>();
      for (const [institution, running] of [...this.running]) {
        const mailbox = wanted.get(institution);
        if (mailbox?.imapUrl && keyOf(mailbox) === running.key) continue;
        this.running.delete(institution);
        await running.reader.stop();
      }
      for (const [institution, mailbox] of wanted) {
        if (mailbox.imapUrl && !this.running.has(institution)) this.running.set(institution, this.reader(institution, mailbox, mailbox.imapUrl));
      }
    });
    return this.reconciling;
  }

  private reader(institution: InstitutionId, mailbox: MailboxSettings, imapUrl: string): Running {
    const { intake, marks, failures, logger } = this.parts;
    const server = parseImapUrl(imapUrl);
    const poller = new ImapPoller(
      { ...server, institution, mailbox: mailbox.imapFolder, pollMs: this.parts.pollMs, baseBackoffMs: 1_000, maxBackoffMs: 5 * 60_000 },
      intake,
      marks,
      failures,
      logger,
    );
    // Every instance configured with the same mailbox computes the same identity, whatever else differs.
    const identity = [server.host.toLowerCase(), server.port, server.user, mailbox.imapFolder].join('\n');
    const reader = new SingleMailboxReader(poller, this.parts.lease(identity), this.parts.leaseRetryMs, logger);
    reader.start();
    return { key: keyOf(mailbox), poller, reader };
  }
}

function keyOf(mailbox: MailboxSettings): string {
  return `${mailbox.imapUrl}\n${mailbox.imapFolder}`;
}
