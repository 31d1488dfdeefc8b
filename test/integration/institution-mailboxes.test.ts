import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { DomainServices } from '../../src/domain/services.js';
import { PostgresInstitutionMailboxes } from '../../src/persistence/institution-mailboxes.postgres.js';
import { inInstitution } from '../../src/domain/institution.js';
import { emailedRequest, eventually, expectCode, seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { SmtpReceiver } from '../support/smtp-receiver.js';

/**
 * Issue #17, items 3 and 6: each institution's own mailbox, set by its admins, sealed at rest; its clients' e-mail goes
 * out through its own server and never through another institution's (the first keeps the environment's).
 */
let t: TestApp;
let second: DomainServices;
let secondId: number;
let people: { firstAdmin: string; secondAdmin: string; secondRep: string; ona: string };
const daigelis = new SmtpReceiver();
const saulute = new SmtpReceiver();
/** A port that accepts and never greets: a mail server that does not answer. */
let silent: Server;
const held: Socket[] = [];
let silentPort: number;
let sequence = 0;

beforeAll(async () => {
  await Promise.all([daigelis.start(), saulute.start()]);
  silent = createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  silentPort = (silent.address() as AddressInfo).port;
  t = await startTestApp({}, undefined, { SMTP_URL: daigelis.url, MAIL_FROM: 'Daigelis <rastine@daigelis.lt>' });
  const staff = await seedStaff(t.app);
  await t.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Adminė', email: 'aldona@daigelis.lt', roles: ['admin'] }]);
  [{ id: secondId }] = await t.database.asOwner<{ id: number }>(`INSERT INTO institutions (slug, name) VALUES ('saulute', 'Saulutė') RETURNING id`);
  second = t.app.forInstitution(secondId);
  await second.staff.importMembers([
    { firstName: 'Algė', surname: 'Algaitė', email: 'alge@saulute.lt', roles: ['admin', 'manager'] },
    { firstName: 'Rūta', surname: 'Rūtaitė', email: 'ruta@saulute.lt', manager: 'alge@saulute.lt', position: 'Raštvedė', phone: '+37060000009' },
  ]);
  const idOf = async (services: DomainServices, email: string) => (await services.queries.staffWithRole(null)).find((member) => member.email === email)!.id;
  people = {
    firstAdmin: await idOf(t.app, 'aldona@daigelis.lt'),
    secondAdmin: await idOf(second, 'alge@saulute.lt'),
    secondRep: await idOf(second, 'ruta@saulute.lt'),
    ona: staff.ona.id,
  };
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await Promise.all([daigelis.stop(), saulute.stop()]);
  for (const socket of held) socket.destroy();
  silent?.close();
});

/** An e-mailed inquiry of `services`' institution from its own client address, claimed by `owner`. */
async function answered(services: DomainServices, owner: string) {
  sequence += 1;
  const address = `klientas${sequence}@example.lt`;
  const { inquiry } = await services.inquiries.register(emailedRequest({ client: { name: 'Giedrė Žemaitienė', email: address, phone: null, language: 'lt' } }));
  await services.inquiries.claim(inquiry.id, owner);
  return { inquiry, address };
}

const fieldsOf = (error: { details: Record<string, unknown> }) =>
  (error.details.fields as Array<{ path: string; message: string; reason?: string }>).map((field) => `${field.path}:${field.reason ?? field.message}`);
/** The second institution's client e-mail, as its own work. */
const theirMessaging = () => t.app.mailFor(secondId).messaging;

describe('issue #17: each institution its own mailbox', () => {
  it('only the institution\'s admin may see or set it; another institution\'s admin is nobody there', async () => {
    await expectCode(second.mailboxSettings.show(people.secondRep), 'STAFF.NOT_ALLOWED');
    await expectCode(second.mailboxSettings.replace(people.firstAdmin, { imapUrl: null, imapFolder: 'INBOX', smtpUrl: saulute.url, from: 'rastine@saulute.lt' }), 'STAFF.NOT_FOUND');
    expect(await second.mailboxSettings.show(people.secondAdmin)).toBeNull();
  });

  it('a mailbox that cannot work is refused beside its field, and nothing is saved', async () => {
    const noSender = await expectCode(second.mailboxSettings.replace(people.secondAdmin, { imapUrl: null, imapFolder: 'INBOX', smtpUrl: saulute.url, from: null }), 'INPUT.INVALID');
    expect(fieldsOf(noSender)).toEqual(['from:required']);
    const silentServer = await expectCode(
      second.mailboxSettings.replace(people.secondAdmin, { imapUrl: null, imapFolder: 'INBOX', smtpUrl: `smtp://127.0.0.1:${silentPort}`, from: 'rastine@saulute.lt' }),
      'INPUT.INVALID',
    );
    expect(fieldsOf(silentServer)).toEqual(['smtpUrl:unreachable']);
    const wrongKind = await expectCode(second.mailboxSettings.replace(people.secondAdmin, { imapUrl: 'https://mail.saulute.lt', imapFolder: 'INBOX', smtpUrl: null, from: null }), 'INPUT.INVALID');
    expect(fieldsOf(wrongKind).map((field) => field.split(':')[0])).toEqual(['imapUrl']);
    expect(await second.mailboxSettings.show(people.secondAdmin)).toBeNull();
  });

  it('without a mailbox an institution e-mails nobody: a reply by e-mail is refused and nothing reaches any server', async () => {
    const { inquiry, address } = await answered(second, people.secondRep);
    await expectCode(theirMessaging().replyToClient(inquiry.id, people.secondRep, 'Atsakymas'), 'MAIL.NOT_CONFIGURED');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(daigelis.to(address)).toEqual([]);
    expect(saulute.to(address)).toEqual([]);
  });

  it("R36.signature: once set, the institution's answers go out through its own server, as its own sender and in its own domain — never through the first institution's, and the first's never through it", async () => {
    const view = await second.mailboxSettings.replace(people.secondAdmin, { imapUrl: null, imapFolder: 'INBOX', smtpUrl: saulute.url, from: 'Saulutė <rastine@saulute.lt>' });
    expect(view).toMatchObject({ smtpUrl: saulute.url, from: 'Saulutė <rastine@saulute.lt>' });
    const theirs = await answered(second, people.secondRep);
    await theirMessaging().replyToClient(theirs.inquiry.id, people.secondRep, 'Laba diena, atsakome.');
    const [mail] = await eventually(() => {
      expect(saulute.to(theirs.address)).toHaveLength(1);
      return saulute.to(theirs.address);
    });
    expect(mail!.parsed.from?.text).toContain('rastine@saulute.lt');
    expect(mail!.parsed.text).toContain('Rūta Rūtaitė');
    // Its headers name its own domain, not the first institution's.
    expect(mail!.parsed.messageId).toMatch(/@saulute\.lt>$/);
    expect(mail!.raw.toString('utf8')).not.toContain('daigelis');
    expect(daigelis.to(theirs.address)).toEqual([]);

    const ours = await answered(t.app, people.ona);
    await t.app.mail.messaging.replyToClient(ours.inquiry.id, people.ona, 'Laba diena.');
    await eventually(() => expect(daigelis.to(ours.address)).toHaveLength(1));
    expect(daigelis.to(ours.address)[0]!.parsed.from?.text).toContain('rastine@daigelis.lt');
    expect(daigelis.to(ours.address)[0]!.parsed.messageId).toMatch(/@daigelis\.lt>$/);
    expect(saulute.to(ours.address)).toEqual([]);
  });

  it('the servers are sealed at rest and never shown back with their passwords; typed without the password, the saved one is kept', async () => {
    const login = `smtp://rastine:Slapta%C5%BEodis-77@127.0.0.1:${new URL(saulute.url).port}`;
    // The stand-in server offers no login, so it is tried as a server without one.
    await second.mailboxSettings.replace(people.secondAdmin, { imapUrl: null, imapFolder: 'INBOX', smtpUrl: login, from: 'Saulutė <rastine@saulute.lt>' });
    const shown = await second.mailboxSettings.show(people.secondAdmin);
    expect(shown!.smtpUrl).toBe(`smtp://rastine@127.0.0.1:${new URL(saulute.url).port}`);
    const [row] = await t.database.asOwner<{ smtp_url: Buffer }>('SELECT smtp_url FROM institution_mailboxes WHERE institution_id = $1', [secondId]);
    expect(row!.smtp_url.toString('latin1')).not.toContain('Slapta');
    expect(row!.smtp_url.toString('latin1')).not.toContain('rastine');

    // The form gives back what it showed, with the sender changed: the password stays.
    await second.mailboxSettings.replace(people.secondAdmin, { imapUrl: null, imapFolder: 'INBOX', smtpUrl: shown!.smtpUrl, from: 'Lopšelis „Saulutė“ <rastine@saulute.lt>' });
    const stored = await inInstitution(secondId, () => new PostgresInstitutionMailboxes(t.app.dataSource).own());
    expect(stored).toMatchObject({ smtpUrl: login, from: 'Lopšelis „Saulutė“ <rastine@saulute.lt>' });
    // The first institution sees no row of the second.
    expect(await new PostgresInstitutionMailboxes(t.app.dataSource).own()).toBeNull();
  });

  it('removed (both servers emptied), the institution e-mails nobody again', async () => {
    expect(await second.mailboxSettings.replace(people.secondAdmin, { imapUrl: null, imapFolder: 'INBOX', smtpUrl: null, from: null })).toBeNull();
    expect(await second.mailboxSettings.show(people.secondAdmin)).toBeNull();
    const { inquiry } = await answered(second, people.secondRep);
    await expectCode(theirMessaging().replyToClient(inquiry.id, people.secondRep, 'Atsakymas'), 'MAIL.NOT_CONFIGURED');
  });
});
