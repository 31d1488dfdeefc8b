import { FIRST_INSTITUTION, inInstitution, requireInstitution, type InstitutionId } from '../domain/institution.js';
import type { MailboxSettings, MailboxSettingsStore } from '../domain/institution-mailbox.js';
import { MailDeliveryError, type Mailer, type MailToSend } from '../domain/mailer.js';
import type { Logger } from '../logger.js';
import { SmtpMailer } from './smtp-mailer.js';

/**
 * Issue #17: every institution's mailbox in force, kept in memory so "can this institution e-mail its clients?" is
 * answered without a query: its own (`institution_mailboxes`), or for the first institution without one the
 * environment's (IMAP_URL, SMTP_URL, MAIL_FROM). Loaded at start, again at once when an admin saves here, and every
 * minute for saves on other instances. Client e-mail goes out through the SMTP server of the institution whose work it is.
 */
export class MailboxDirectory implements Mailer {
  private mailboxes = new Map<InstitutionId, MailboxSettings>();
  private readonly mailers = new Map<InstitutionId, { key: string; mailer: SmtpMailer }>();
  private readonly listeners: Array<() => Promise<void>> = [];

  constructor(
    private readonly store: MailboxSettingsStore,
    /** The first institution's mailbox while it has none of its own; null without IMAP_URL and SMTP_URL. */
    private readonly environment: MailboxSettings | null,
    private readonly institutions: () => readonly InstitutionId[],
    private readonly logger: Logger,
  ) {}

  /** Reads every institution's mailbox; one that cannot be read keeps what was in force. */
  async load(): Promise<void> {
    for (const institution of this.institutions()) await this.read(institution);
    await this.changed();
  }

  /** Reads one institution's mailbox again (its admin just saved it here). */
  async refresh(institution: InstitutionId): Promise<void> {
    await this.read(institution);
    await this.changed();
  }

  /** Runs `listener` after every load (the intake starts and stops its readers then). */
  onChange(listener: () => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Every institution with a mailbox, and its mailbox. */
  all(): ReadonlyMap<InstitutionId, MailboxSettings> {
    return this.mailboxes;
  }

  /** Whether `institution` can e-mail its clients (it has an SMTP server). */
  sends(institution: InstitutionId): boolean {
    return !!this.mailboxes.get(institution)?.smtpUrl;
  }

  /** Sends through the current institution's own SMTP server; one that has none (any more) cannot send it. */
  async send(mail: MailToSend): Promise<void> {
    const institution = requireInstitution();
    const mailer = this.mailerOf(institution);
    if (!mailer) throw new MailDeliveryError('no outgoing mail server', true, `institution ${institution} has no SMTP server set`);
    await mailer.send(mail);
  }

  close(): void {
    for (const { mailer } of this.mailers.values()) mailer.close();
    this.mailers.clear();
  }

  private async read(institution: InstitutionId): Promise<void> {
    try {
      const own = await inInstitution(institution, () => this.store.own());
      const mailbox = own ?? (institution === FIRST_INSTITUTION ? this.environment : null);
      if (mailbox) this.mailboxes.set(institution, mailbox);
      else this.mailboxes.delete(institution);
    } catch (error) {
      this.logger.warn({ err: error, institution }, "reading an institution's mailbox failed; the one in memory stays in force");
    }
  }

  /** The institution's SMTP connection, made again when its server or sender changed. */
  private mailerOf(institution: InstitutionId): SmtpMailer | null {
    const mailbox = this.mailboxes.get(institution);
    const known = this.mailers.get(institution);
    const key = mailbox?.smtpUrl ? `${mailbox.smtpUrl}\n${mailbox.from}` : null;
    if (known && known.key === key) return known.mailer;
    known?.mailer.close();
    this.mailers.delete(institution);
    if (!key || !mailbox?.smtpUrl || !mailbox.from) return null;
    const mailer = new SmtpMailer(mailbox.smtpUrl, mailbox.from);
    this.mailers.set(institution, { key, mailer });
    return mailer;
  }

  private async changed(): Promise<void> {
    for (const listener of this.listeners) await listener();
  }
}
