import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

/** A real SMTP server on a free port that records what the bot sent; can refuse the next messages. */
export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  /** How many upcoming messages to refuse, and with which reply code (451 transient, 550 permanent). */
  refuse = { count: 0, code: 451 };
  private readonly server: SMTPServer;
  url = '';

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refuse.count > 0) {
            this.refuse.count -= 1;
            const error = Object.assign(new Error('mailbox temporarily unavailable'), { responseCode: this.refuse.code });
            return callback(error);
          }
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              this.mails.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, parsed });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = this.server.server.address() as AddressInfo;
    this.url = `smtp://127.0.0.1:${port}`;
    return this;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.envelopeTo.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** What a service needs to send through the receiver: its address and the institution's sender. */
export function mailEnvironment(smtp: SmtpReceiver): Record<string, string> {
  return { SMTP_URL: smtp.url, MAIL_FROM: 'Daigelis <rastine@daigelis.lt>' };
}

/**
 * Starts an SMTP receiver and a harness that sends through it (`start` gets the mail environment); stopping
 * the harness stops the receiver too.
 */
export async function withSmtp<H extends { stop(): Promise<void> }>(start: (env: Record<string, string>) => Promise<H>): Promise<H & { smtp: SmtpReceiver }> {
  const smtp = new SmtpReceiver();
  await smtp.start();
  const harness = await start(mailEnvironment(smtp));
  const stopHarness = harness.stop.bind(harness);
  return Object.assign(harness, {
    smtp,
    async stop() {
      await stopHarness();
      await smtp.stop();
    },
  });
}
