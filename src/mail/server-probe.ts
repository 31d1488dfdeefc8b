import nodemailer from 'nodemailer';
import type { MailboxSettings, MailServerProbe, MailServerProblem } from '../domain/institution-mailbox.js';
import { parseImapUrl } from './imap-poller.js';

/**
 * Short deadlines: the admin waits in an open form, and Slack answers a view submission's refusal only within 3 s. A
 * server slower than this to greet and log in is taken as not answering.
 */
const DEADLINES_MS = 2_500;

/**
 * Tries an institution's mail servers as the intake and the mailer will use them (issue #17): logs in to the IMAP
 * server and opens the folder, and greets and logs in to the SMTP server. Nothing is read or sent.
 */
export class NetworkMailServerProbe implements MailServerProbe {
  async problems(mailbox: MailboxSettings): Promise<MailServerProblem[]> {
    const found = await Promise.all([mailbox.imapUrl ? imapProblem(mailbox.imapUrl, mailbox.imapFolder) : null, mailbox.smtpUrl ? smtpProblem(mailbox.smtpUrl) : null]);
    return found.filter((problem): problem is MailServerProblem => problem !== null);
  }
}

async function imapProblem(url: string, folder: string): Promise<MailServerProblem | null> {
  const { ImapFlow } = await import('imapflow');
  const { host, port, secure, user, password } = parseImapUrl(url);
  const client = new ImapFlow({ host, port, secure, auth: { user, pass: password }, logger: false, connectionTimeout: DEADLINES_MS, greetingTimeout: DEADLINES_MS, socketTimeout: DEADLINES_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    return { path: 'imapUrl', reason: (error as { authenticationFailed?: boolean }).authenticationFailed ? 'login_refused' : 'unreachable' };
  }
  try {
    await client.status(folder, { messages: true });
    return null;
  } catch {
    return { path: 'imapFolder', reason: 'no_folder' };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function smtpProblem(url: string): Promise<MailServerProblem | null> {
  const transport = nodemailer.createTransport({ url, connectionTimeout: DEADLINES_MS, greetingTimeout: DEADLINES_MS, socketTimeout: DEADLINES_MS });
  try {
    await transport.verify();
    return null;
  } catch (error) {
    return { path: 'smtpUrl', reason: (error as { code?: string }).code === 'EAUTH' ? 'login_refused' : 'unreachable' };
  } finally {
    transport.close();
  }
}
