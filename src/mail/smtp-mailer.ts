import nodemailer, { type Transporter } from 'nodemailer';
import { MailDeliveryError, type Mailer, type MailToSend } from '../domain/mailer.js';

/**
 * Deadlines for one SMTP conversation. nodemailer's own (2 min to connect, 10 min of silence) would let a server
 * that accepts the connection and never answers hold a client e-mail's delivery for that long; the outbox
 * retries a failed send with backoff.
 */
const SMTP_DEADLINES = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Mailer through the institution's SMTP server (`SMTP_URL`), as plain UTF-8 text. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  /** The login's password in the forms a server may quote it back in (issue #15: never in an error). */
  private readonly password: string[];

  constructor(smtpUrl: string, private readonly from: string) {
    this.transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_DEADLINES });
    const raw = new URL(smtpUrl).password;
    this.password = raw ? [...new Set([decodeURIComponent(raw), raw])].filter((form) => form.length > 0) : [];
  }

  async send(mail: MailToSend): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: { name: mail.to.name, address: mail.to.address },
        subject: mail.subject,
        text: mail.body,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo ?? undefined,
        references: mail.references.length > 0 ? mail.references : undefined,
        textEncoding: 'quoted-printable',
        headers: mail.automatic ? { 'Auto-Submitted': 'auto-generated' } : {},
      });
    } catch (error) {
      // 5xx is the server's final word on this message; anything else (connection, 4xx) may pass later.
      const { responseCode, code } = error as { responseCode?: number; code?: string };
      const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
      // The server's words are kept with the e-mail; a server that quotes the password it refused does not get it kept.
      const detail = this.password.reduce((text, secret) => text.split(secret).join('[secret]'), error instanceof Error ? error.message : String(error));
      throw new MailDeliveryError(`SMTP send failed (${responseCode ?? code ?? 'unknown'})`, permanent, detail);
    }
  }

  close(): void {
    this.transport.close();
  }
}
