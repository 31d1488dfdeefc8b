/** An e-mail ready for the wire: plain text, UTF-8, with its threading headers fixed. */
export interface MailToSend {
  to: { name: string; address: string };
  subject: string;
  body: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  /** Sent by the machine without a person (acknowledgement): marked so client auto-responders stay quiet (RFC 3834). */
  automatic: boolean;
}

/** Port: hands e-mail to the institution's SMTP server (src/mail/smtp-mailer.ts). */
export interface Mailer {
  /** Resolves once the server accepted the message; throws MailDeliveryError otherwise. */
  send(mail: MailToSend): Promise<void>;
}

/**
 * A send that failed; `permanent` when retrying cannot help (the server rejected the address).
 * The message is safe to log; `detail` (the server's words, which may quote the client's address) is not.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailDeliveryError';
  }
}
