import { requireAdmin } from './institution-settings.service.js';
import { keepingPassword, mailboxSettingsSchema, mailServerError, withoutPassword, type MailboxSettings, type MailboxSettingsStore, type MailServerProbe } from './institution-mailbox.js';
import type { UnitOfWork } from './unit-of-work.js';
import { parseInput } from './validation.js';

/** The mailbox as its admins see it: the servers without their passwords. */
export type MailboxView = MailboxSettings;

/**
 * Issue #17: an institution's admins set its own mailbox — the servers its clients' e-mails are read from and its
 * answers sent through. The servers are tried before anything is saved; saved, the mailbox is read and sent through
 * at once here (`changed`) and within a minute on every other instance.
 */
export class MailboxSettingsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: MailboxSettingsStore,
    private readonly probe: MailServerProbe,
    private readonly changed: () => Promise<void>,
  ) {}

  /** The institution's own mailbox (null: none set), its passwords left out. Admins only. */
  async show(actorId: string): Promise<MailboxView | null> {
    await this.admin(actorId);
    const stored = await this.store.own();
    return stored && viewOf(stored);
  }

  /**
   * Replaces the institution's mailbox. A server typed without its password keeps the stored one (`keepingPassword`);
   * with neither server the mailbox is removed. Refused beside the field: a server that does not answer or refuses
   * the login (INPUT.INVALID). Admins only (STAFF.NOT_ALLOWED).
   */
  async replace(actorId: string, input: unknown): Promise<MailboxView | null> {
    await this.admin(actorId);
    const given = parseInput(mailboxSettingsSchema, input);
    const stored = await this.store.own();
    const mailbox: MailboxSettings = {
      ...given,
      imapUrl: keepingPassword(given.imapUrl, stored?.imapUrl ?? null),
      smtpUrl: keepingPassword(given.smtpUrl, stored?.smtpUrl ?? null),
    };
    const none = mailbox.imapUrl === null && mailbox.smtpUrl === null;
    if (!none) {
      const problems = await this.probe.problems(mailbox);
      if (problems.length > 0) throw mailServerError(problems);
    }
    await this.store.save(none ? null : mailbox);
    await this.changed();
    return none ? null : viewOf(mailbox);
  }

  private admin(actorId: string): Promise<void> {
    return requireAdmin(this.unitOfWork, actorId, "change the institution's mailbox");
  }
}

function viewOf(mailbox: MailboxSettings): MailboxView {
  return { ...mailbox, imapUrl: mailbox.imapUrl && withoutPassword(mailbox.imapUrl), smtpUrl: mailbox.smtpUrl && withoutPassword(mailbox.smtpUrl) };
}
