import type { MailboxLease } from '../domain/mailbox.js';
import type { Logger } from '../logger.js';
import type { ImapPoller, MailboxHealth } from './imap-poller.js';

/**
 * Runs the poller only while this instance holds the mailbox lease. Every `retryMs` a standby tries to take
 * the lease and the reader confirms it still has it, so a reader that stops (or whose database session dies)
 * is replaced within `retryMs` of its lease being freed.
 */
export class SingleMailboxReader {
  private role: 'reader' | 'standby' = 'standby';
  /** Transitions run one after another, so the poller is never started and stopped at the same time. */
  private transitions: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private decided = false;
  private lost = false;

  constructor(
    private readonly poller: ImapPoller,
    private readonly lease: MailboxLease,
    private readonly retryMs: number,
    private readonly logger: Logger,
  ) {
    lease.onLost(() => {
      this.lost = true;
      this.check();
    });
  }

  start(): void {
    this.stopped = false;
    this.check();
  }

  /** Stops reading first and only then frees the lease, so the next reader never overlaps with this one. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.transitions;
    await this.poller.stop();
    await this.lease.release();
    this.role = 'standby';
  }

  health(): MailboxHealth {
    const health = this.poller.health();
    if (this.role === 'reader') return { ...health, role: 'reader' };
    return { ...health, state: this.stopped || !this.decided ? health.state : 'standby', role: 'standby' };
  }

  private check(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.transitions = this.transitions
      .then(() => this.reconcile())
      .catch((error: unknown) => this.logger.warn({ err: error }, 'mailbox lease check failed; will retry'))
      .finally(() => this.scheduleCheck());
  }

  private scheduleCheck(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.check();
    }, this.retryMs);
  }

  private async reconcile(): Promise<void> {
    if (this.stopped) return;
    // Our session is gone, so another instance may hold the lease already: stop reading before asking again.
    if (this.lost && this.role === 'reader') {
      this.role = 'standby';
      this.logger.warn({ mailbox: this.poller.health().mailbox }, 'mailbox lease lost with its database session; reading paused');
      await this.poller.stop();
    }
    this.lost = false;
    const held = await this.lease.tryAcquire();
    if (this.stopped) return;
    const mailbox = this.poller.health().mailbox;
    if (held && this.role === 'standby') {
      this.role = 'reader';
      this.logger.info({ mailbox }, 'this instance reads the mailbox');
      this.poller.start();
    } else if (!held && this.role === 'reader') {
      this.role = 'standby';
      this.logger.warn({ mailbox }, 'mailbox lease not confirmed; standing by');
      await this.poller.stop();
    } else if (!held && !this.decided) {
      this.logger.info({ mailbox }, 'another instance reads the mailbox; standing by');
    }
    this.decided = true;
  }
}
