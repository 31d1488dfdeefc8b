import { ImapFlow } from 'imapflow';
import type { DomainServices } from '../../src/domain/services.js';
import { eventually, expectCode, startTestApp, type TestApp } from '../support/app.js';
import { startDovecot, type TestMailbox } from '../support/dovecot.js';
import { DOVECOT, describeWith } from '../support/system-programs.js';
import { rfc822 } from './rfc822.js';

/**
 * Issue #17, item 6: each institution's mailbox is read as that institution's work. The first institution reads the
 * environment's mailbox; the second's admin sets its own, tried before it is saved, and its clients' e-mails become
 * its inquiries — never the first institution's, and the first's never its own.
 */
let daigelis: TestMailbox;
let saulute: TestMailbox;
let t: TestApp;
let second: DomainServices;
let secondId: number;
let admin: string;

describeWith(DOVECOT, "each institution's own mailbox, with real Dovecots", () => {
  beforeAll(async () => {
    [daigelis, saulute] = await Promise.all([startDovecot(), startDovecot()]);
    t = await startTestApp({}, undefined, { IMAP_URL: daigelis.url.replace(/\/INBOX$/, ''), IMAP_POLL_SECONDS: '3600' });
    [{ id: secondId }] = await t.database.asOwner<{ id: number }>(`INSERT INTO institutions (slug, name) VALUES ('saulute', 'Saulutė') RETURNING id`);
    second = t.app.forInstitution(secondId);
    await second.staff.importMembers([{ firstName: 'Algė', surname: 'Algaitė', email: 'alge@saulute.lt', roles: ['admin', 'manager', 'representative'] }]);
    admin = (await second.queries.staffWithRole('admin'))[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    await Promise.all([daigelis?.stop(), saulute?.stop()]);
  });

  const server = (box: TestMailbox, password = box.password) => `imap://${box.user}:${password}@${box.host}:${box.port}`;
  async function deliver(box: TestMailbox, messageId: string): Promise<void> {
    const imap = new ImapFlow({ host: box.host, port: box.port, secure: false, auth: { user: box.user, pass: box.password }, logger: false });
    await imap.connect();
    await imap.append('INBOX', rfc822({ from: 'Giedrė <giedre@example.lt>', subject: 'Dėl vietos', messageId, contentType: 'text/plain; charset=UTF-8', transferEncoding: '8bit', body: 'Laba diena.' }));
    await imap.logout();
  }
  const subjects = async (services: DomainServices) => (await services.queries.list({ limit: 50 })).map((item) => item.inquiry.externalId);

  it('a missing folder is refused beside its field before anything is saved', async () => {
    const folder = await expectCode(second.mailboxSettings.replace(admin, { imapUrl: server(saulute), imapFolder: 'Prašymai', smtpUrl: null, from: null }), 'INPUT.INVALID');
    expect(folder.details.fields).toEqual([expect.objectContaining({ path: 'imapFolder', reason: 'no_folder' })]);
    expect(await second.mailboxSettings.show(admin)).toBeNull();
    expect(t.app.mail.readers.poller(secondId)).toBeNull();
  });

  it("R15.register: the second institution's e-mail is registered as its inquiry, the first's as the first's, and neither sees the other's", async () => {
    await second.mailboxSettings.replace(admin, { imapUrl: server(saulute), imapFolder: 'INBOX', smtpUrl: null, from: null });
    const theirs = t.app.mail.readers.poller(secondId);
    expect(theirs).not.toBeNull();
    await deliver(saulute, '<saulute-1@tevai.lt>');
    await deliver(daigelis, '<daigelis-1@tevai.lt>');
    await theirs!.pollNow();
    await t.app.mail.poller!.pollNow();
    expect(await subjects(second)).toEqual(['<saulute-1@tevai.lt>']);
    expect(await subjects(t.app)).toEqual(['<daigelis-1@tevai.lt>']);
    // /healthz counts the institutions' mailboxes this instance reads, and names none of them.
    const health = await eventually(async () => {
      const answer = await (await fetch(`${t.app.url}/healthz`)).json();
      expect(answer.mailboxes).toEqual({ reading: 2, standby: 0, down: 0 });
      return answer;
    });
    expect(JSON.stringify(health)).not.toContain(String(saulute.port));
  });

  it('removed, the mailbox is no longer read on this instance', async () => {
    await second.mailboxSettings.replace(admin, { imapUrl: null, imapFolder: 'INBOX', smtpUrl: null, from: null });
    expect(t.app.mail.readers.poller(secondId)).toBeNull();
    expect(t.app.mail.poller).not.toBeNull();
  });

  // Last: Dovecot answers the logins after a refused one more slowly for a while.
  it('a wrong password is refused beside its field, and nothing is saved', async () => {
    const wrong = await expectCode(second.mailboxSettings.replace(admin, { imapUrl: server(saulute, 'ne-tas'), imapFolder: 'INBOX', smtpUrl: null, from: null }), 'INPUT.INVALID');
    expect(wrong.details.fields).toEqual([expect.objectContaining({ path: 'imapUrl', reason: 'login_refused' })]);
    expect(await second.mailboxSettings.show(admin)).toBeNull();
  });
});
