import { PostgresInstitutionMailboxes } from '../../src/persistence/institution-mailboxes.postgres.js';
import { PostgresChatInstallations } from '../../src/persistence/chat-installations.postgres.js';
import { loadConfig } from '../../src/config.js';
import { bindCipher, DataCipher } from '../../src/persistence/encryption.js';
import { rekeySealedRows, sealPlaintextRows } from '../../src/persistence/sealed-columns.js';
import { emailedRequest, ManualClock, seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { testDataKey } from '../support/encryption-keys.js';

/**
 * Issue #15 (health data out of chat, encrypted at rest), through the running service: what the database holds,
 * and who the signed download links open the client's files for.
 */

const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;

const CERTIFICATE = Buffer.from('Medicininė pažyma: vaikui diagnozuota alergija riešutams (SVEIKATA-7391)', 'utf8');
const LETTER = 'Atsakome raštu: dėl vaiko alergijos (SVEIKATA-8420) maitinimas bus pritaikytas.';

beforeAll(async () => {
  t = await startTestApp({ clock, notifiers: [] });
  staff = await seedStaff(t.app);
});
afterAll(() => t?.stop());

const cipherFor = (keys: string) => new DataCipher(loadConfig({ DATA_KEYS: keys }).DATA_KEYS!);

/** An e-mailed inquiry claimed by Ona, with a certificate attached; the attachment's id. */
async function inquiryWithCertificate(filename = 'pažyma.pdf') {
  const request = emailedRequest();
  const { inquiry } = await t.app.inquiries.register(request);
  await t.app.inquiries.claim(inquiry.id, staff.ona.id);
  await t.app.mail.messaging.storeAttachments(inquiry.id, request.externalId, [{ filename, contentType: 'application/pdf', content: CERTIFICATE }]);
  const [row] = await t.app.dataSource.query('SELECT id FROM mail_attachments WHERE inquiry_id = $1', [inquiry.id]);
  return { inquiry, attachmentId: row.id as string };
}

function download(attachmentId: string, query: Record<string, string>) {
  return fetch(`${t.app.url}/attachments/${attachmentId}?${new URLSearchParams(query)}`);
}

describe('R12.records: attachments and letters are encrypted at rest', () => {
  it('R12.records: the bytes in the database are not the plaintext; they carry the key id and open only with it', async () => {
    const { attachmentId } = await inquiryWithCertificate();
    const [row] = await t.app.dataSource.query('SELECT content, sealed_content FROM mail_attachments WHERE id = $1', [attachmentId]);
    expect(row.content).toBeNull();
    const sealed: Buffer = row.sealed_content;
    expect(sealed.subarray(0, 9).toString('latin1')).toBe('v1:test1:');
    expect(sealed.includes(CERTIFICATE)).toBe(false);
    expect(sealed.includes(Buffer.from('SVEIKATA-7391'))).toBe(false);
    const response = await download(attachmentId, { ...t.app.attachmentLinks.sign(attachmentId, staff.ona.id) });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(CERTIFICATE);
  });

  it('R12.records: a letter\'s text is sealed too, and its printable page still reads it', async () => {
    const { inquiry } = await inquiryWithCertificate();
    const letter = await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, LETTER);
    const [row] = await t.app.dataSource.query('SELECT body, sealed_body FROM letters WHERE id = $1', [letter.id]);
    expect(row.body).toBeNull();
    expect((row.sealed_body as Buffer).includes(Buffer.from('SVEIKATA-8420'))).toBe(false);
    const page = await fetch(`${t.app.url}/letters?${new URLSearchParams({ ...t.app.letterLinks.sign(letter.id, staff.ona.id) })}`);
    expect(await page.text()).toContain('SVEIKATA-8420');
  });

  it('R12.records: a tampered ciphertext, or one moved onto another row, is refused rather than read', async () => {
    const first = await inquiryWithCertificate();
    const second = await inquiryWithCertificate();
    const link = (id: string) => ({ ...t.app.attachmentLinks.sign(id, staff.ona.id) });
    // Another row's value, authentic in itself, does not open here: the row id is authenticated with it.
    await t.app.dataSource.query('UPDATE mail_attachments SET sealed_content = (SELECT sealed_content FROM mail_attachments WHERE id = $2) WHERE id = $1', [first.attachmentId, second.attachmentId]);
    expect((await download(first.attachmentId, link(first.attachmentId))).status).toBe(500);
    // One bit of the ciphertext changed.
    await t.app.dataSource.query(`UPDATE mail_attachments SET sealed_content = overlay(sealed_content PLACING '\\x00'::bytea FROM length(sealed_content) FOR 1) WHERE id = $1`, [second.attachmentId]);
    const refused = await download(second.attachmentId, link(second.attachmentId));
    expect(refused.status).toBe(500);
    expect(Buffer.from(await refused.arrayBuffer()).includes(Buffer.from('SVEIKATA'))).toBe(false);
  });

  it('R12.records: rows stored before the encryption are sealed at the next start; until then they stay readable', async () => {
    const { inquiry } = await inquiryWithCertificate();
    const [legacy] = await t.app.dataSource.query(
      `INSERT INTO mail_attachments (id, inquiry_id, message_id, position, filename, content_type, size_bytes, content, disposition)
       VALUES (gen_random_uuid(), $1, $2, 0, 'senas.pdf', 'application/pdf', $3, $4, 'stored') RETURNING id`,
      [inquiry.id, `<senas-${inquiry.id}@example.lt>`, CERTIFICATE.length, CERTIFICATE],
    );
    const link = () => ({ ...t.app.attachmentLinks.sign(legacy.id, staff.ona.id) });
    expect(Buffer.from(await (await download(legacy.id, link())).arrayBuffer())).toEqual(CERTIFICATE);
    const sealed = await sealPlaintextRows(t.app.dataSource, cipherFor(testDataKey('test1')));
    expect(sealed.mail_attachments).toBeGreaterThanOrEqual(1);
    const [row] = await t.app.dataSource.query('SELECT content, sealed_content FROM mail_attachments WHERE id = $1', [legacy.id]);
    expect(row.content).toBeNull();
    expect((row.sealed_content as Buffer).includes(CERTIFICATE)).toBe(false);
    expect(Buffer.from(await (await download(legacy.id, link())).arrayBuffer())).toEqual(CERTIFICATE);
    expect(await sealPlaintextRows(t.app.dataSource, cipherFor(testDataKey('test1')))).toEqual({ mail_attachments: 0, letters: 0 });
  });

  it('R12.records: after a rotation (a new first key, the old one kept) old and new values open; data:rekey moves every value to the new key', async () => {
    const { attachmentId } = await inquiryWithCertificate();
    // Issue #17: a Slack workspace's bot token, sealed with the old key like every secret at rest.
    const installations = new PostgresChatInstallations(t.app.dataSource);
    await installations.save({ platform: 'slack', account: 'T0REKEY01', enterprise: null, accountName: null, botUserId: 'UBOT', botId: 'BBOT', secret: 'xoxb-rekeyed', installedBy: null });
    // And an institution's mailbox: both of its servers, with their passwords.
    const mailboxes = new PostgresInstitutionMailboxes(t.app.dataSource);
    const mailbox = { imapUrl: 'imaps://rastine:imap-slaptas@mail.daigelis.lt', imapFolder: 'INBOX', smtpUrl: 'smtps://rastine:smtp-slaptas@mail.daigelis.lt', from: 'rastine@daigelis.lt' };
    await mailboxes.save(mailbox);
    const rotated = cipherFor(`${testDataKey('test2')},${testDataKey('test1')}`);
    bindCipher(t.app.dataSource, rotated);
    try {
      const link = (id: string) => ({ ...t.app.attachmentLinks.sign(id, staff.ona.id) });
      expect(Buffer.from(await (await download(attachmentId, link(attachmentId))).arrayBuffer())).toEqual(CERTIFICATE);
      const fresh = await inquiryWithCertificate();
      const [row] = await t.app.dataSource.query('SELECT sealed_content FROM mail_attachments WHERE id = $1', [fresh.attachmentId]);
      expect((row.sealed_content as Buffer).subarray(0, 9).toString('latin1')).toBe('v1:test2:');

      const { moved, unreadable } = await rekeySealedRows(t.app.dataSource, rotated);
      expect(moved.mail_attachments).toBeGreaterThanOrEqual(1);
      expect(moved.chat_installations).toBe(1);
      expect(moved.institution_mailboxes).toBe(2);
      // The values altered by the test above are reported and left as they are; the old key stays until they are dealt with.
      expect(unreadable.map((row) => row.table)).toEqual(['mail_attachments', 'mail_attachments']);
      await t.app.dataSource.query('DELETE FROM mail_attachments WHERE id = ANY($1::uuid[])', [unreadable.map((row) => row.id)]);
      const prefixes: Array<{ prefix: string }> = await t.app.dataSource.query(
        `SELECT DISTINCT encode(substring(sealed_content FROM 1 FOR 9), 'escape') AS prefix FROM mail_attachments WHERE sealed_content IS NOT NULL
         UNION SELECT DISTINCT encode(substring(sealed_body FROM 1 FOR 9), 'escape') FROM letters WHERE sealed_body IS NOT NULL`,
      );
      expect(prefixes.map((row) => row.prefix)).toEqual(['v1:test2:']);
      // The old key can now leave DATA_KEYS.
      bindCipher(t.app.dataSource, cipherFor(testDataKey('test2')));
      expect(Buffer.from(await (await download(attachmentId, link(attachmentId))).arrayBuffer())).toEqual(CERTIFICATE);
      expect((await installations.active('slack'))?.secret).toBe('xoxb-rekeyed');
      expect(await mailboxes.own()).toEqual(mailbox);
      expect(await rekeySealedRows(t.app.dataSource, rotated)).toEqual({ moved: { mail_attachments: 0, letters: 0, chat_installations: 0, institution_mailboxes: 0 }, unreadable: [] });
    } finally {
      await mailboxes.save(null);
      // The rest of the file runs with the app's own key again: seal everything back with it.
      const back = cipherFor(`${testDataKey('test1')},${testDataKey('test2')}`);
      await rekeySealedRows(t.app.dataSource, back);
      bindCipher(t.app.dataSource, back);
    }
  });
});

describe('health data stays out of chat: the signed download link', () => {
  it('R4.owner / R12.records: the owner and a manager download the file — as an attachment, not sniffed, not cached — and each download is an audit line; a refused link is none', async () => {
    const { inquiry, attachmentId } = await inquiryWithCertificate('Pažyma „alergija“.pdf');
    const opened = () => t.app.dataSource.query(`SELECT actor_id, action, inquiry_id, registry_number, details FROM audit_log WHERE action = 'attachment_opened' AND details->>'attachmentId' = $1 ORDER BY id`, [attachmentId]);
    // Rasa may not act on it (R4.owner): refused, and not recorded.
    expect((await download(attachmentId, { ...t.app.attachmentLinks.sign(attachmentId, staff.rasa.id) })).status).toBe(403);
    expect(await opened()).toEqual([]);
    for (const person of [staff.ona, staff.manager]) {
      const response = await download(attachmentId, { ...t.app.attachmentLinks.sign(attachmentId, person.id) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Pa_yma _alergija_.pdf"; filename*=UTF-8''${encodeURIComponent('Pažyma „alergija“.pdf')}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await response.arrayBuffer())).toEqual(CERTIFICATE);
    }
    // One line per download, naming who and which inquiry and file — never the file's name or content (docs/audit.md).
    const lines = await opened();
    expect(lines).toEqual([staff.ona, staff.manager].map((person) => ({
      actor_id: person.id, action: 'attachment_opened', inquiry_id: inquiry.id, registry_number: inquiry.registryNumber, details: { attachmentId },
    })));
    expect(JSON.stringify(lines)).not.toMatch(/alergija|SVEIKATA|Pažyma/);
  });

  it('R4.owner: a link for a colleague who may not act on it, one altered to name another person, an expired one, and a letter\'s link are refused (403/410) with nothing of the file', async () => {
    const { inquiry, attachmentId } = await inquiryWithCertificate();
    const check = async (response: Response, status: number) => {
      expect(response.status).toBe(status);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.text();
      expect(body).not.toContain('SVEIKATA');
      expect(body).not.toContain('pažyma');
    };
    // Signed for Rasa, who is neither the owner nor a manager.
    await check(await download(attachmentId, { ...t.app.attachmentLinks.sign(attachmentId, staff.rasa.id) }), 403);
    // Ona's link with Rasa's id put in.
    await check(await download(attachmentId, { ...t.app.attachmentLinks.sign(attachmentId, staff.ona.id), staff: staff.rasa.id }), 403);
    // Ona's link for another attachment id.
    const other = await inquiryWithCertificate();
    await check(await download(other.attachmentId, { ...t.app.attachmentLinks.sign(attachmentId, staff.ona.id) }), 403);
    // A printable letter's link (signed with the same secret) for the same id: another purpose.
    const letter = await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, 'Atsakymas raštu.');
    const { staff: by, expires, sig } = t.app.letterLinks.sign(attachmentId, staff.ona.id);
    await check(await download(attachmentId, { staff: by, expires, sig }), 403);
    const letterLink = t.app.letterLinks.sign(letter.id, staff.ona.id);
    await check(await download(letter.id, { staff: letterLink.staff, expires: letterLink.expires, sig: letterLink.sig }), 403);
    // An attachment's link does not open a letter either.
    const attachmentLink = t.app.attachmentLinks.sign(letter.id, staff.ona.id);
    expect((await fetch(`${t.app.url}/letters?${new URLSearchParams({ id: letter.id, ...attachmentLink })}`)).status).toBe(403);
    // Expired: 410.
    const link = { ...t.app.attachmentLinks.sign(attachmentId, staff.ona.id) };
    clock.set('2027-03-01T11:00:00+02:00');
    try {
      await check(await download(attachmentId, link), 410);
    } finally {
      clock.set('2027-03-01T10:00:00+02:00');
    }
    // After a handover the old owner's link opens nothing.
    await t.app.inquiries.handOver(inquiry.id, staff.ona.id, staff.jonas.id);
    await check(await download(attachmentId, { ...t.app.attachmentLinks.sign(attachmentId, staff.ona.id) }), 403);
    expect((await download(attachmentId, { ...t.app.attachmentLinks.sign(attachmentId, staff.jonas.id) })).status).toBe(200);
  });
});
