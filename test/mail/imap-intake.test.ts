import { ImapFlow } from 'imapflow';
import { TypeormInquiryRepository } from '../../src/persistence/inquiry.typeorm-repository.js';
import { eventually, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { freePort } from '../support/database.js';
import { startDovecot, type TestMailbox } from '../support/dovecot.js';
import { DOVECOT, describeWith } from '../support/system-programs.js';
import { cipherOf, sealContext } from '../../src/persistence/encryption.js';
import { baltic, base64Lines, encodedWord, quotedPrintable, rfc822 } from './rfc822.js';

let box: TestMailbox;
let t: TestApp;
let imap: ImapFlow;
let staff: Awaited<ReturnType<typeof seedStaff>>;
const recorder = new RecordingNotifier();

describeWith(DOVECOT, 'with a real Dovecot', () => {
  beforeAll(async () => {
    box = await startDovecot();
    t = await startTestApp({ notifiers: [recorder] }, undefined, {
      IMAP_URL: `imap://${box.user}:${box.password}@${box.host}:${box.port}`,
      IMAP_POLL_SECONDS: '3600',
      MAIL_MAX_ATTACHMENT_BYTES: '2000',
    });
    staff = await seedStaff(t.app);
    imap = new ImapFlow({ host: box.host, port: box.port, secure: false, auth: { user: box.user, pass: box.password }, logger: false });
    await imap.connect();
  });
  afterAll(async () => {
    await imap?.logout();
    await t?.stop();
    await box?.stop();
  });

  const poller = () => t.app.mail.poller!;
  const repository = () => new TypeormInquiryRepository(t.app.dataSource.manager);
  const byMessageId = (id: string) => repository().findByExternalId('email', id);
  const count = async (sql: string, params: unknown[]) => Number((await t.app.dataSource.query(sql, params))[0].count);

  async function deliver(...messages: Buffer[]): Promise<void> {
    for (const message of messages) await imap.append('INBOX', message);
    await poller().pollNow();
  }

  describe('IMAP intake', () => {
    it('R15.register / R33.language: UTF-8, Windows-1257 and ISO-8859-13 mail become inquiries with Lithuanian letters intact', async () => {
      const utf8 = rfc822({
        from: `${encodedWord('Giedrė Žemaitienė', 'UTF-8', 'Q')} <giedre@example.lt>`,
        subject: encodedWord('Dėl vietos darželyje – ąčęėįšųūž', 'UTF-8', 'B'),
        messageId: '<utf8-1@tevai.lt>',
        contentType: 'text/plain; charset=UTF-8',
        transferEncoding: 'base64',
        body: base64Lines(Buffer.from('Laba diena, ar yra laisvų vietų? ĄČĘĖĮŠŲŪŽ', 'utf8')),
      });
      const windows1257 = rfc822({
        from: `${encodedWord('Rūta Šimkutė', 'windows-1257', 'Q')} <ruta@example.lt>`,
        subject: encodedWord('Prašymas dėl maitinimo', 'windows-1257', 'Q'),
        messageId: '<cp1257-1@tevai.lt>',
        contentType: 'text/plain; charset=windows-1257',
        transferEncoding: '8bit',
        body: baltic('Noriu pakeisti vaiko maitinimą: be žuvies ir riešutų.'),
      });
      const iso885913 = rfc822({
        from: `${encodedWord('Žydrūnas Čepulis', 'ISO-8859-13', 'B')} <zydrunas@example.lt>`,
        subject: encodedWord('Skundas dėl kiemo', 'ISO-8859-13', 'Q'),
        messageId: '<iso-1@tevai.lt>',
        contentType: 'text/plain; charset=ISO-8859-13',
        transferEncoding: 'quoted-printable',
        body: quotedPrintable(baltic('Kieme sulūžo sūpynės.')),
      });
      await deliver(utf8, windows1257, iso885913);

      expect(await byMessageId('<utf8-1@tevai.lt>')).toMatchObject({
        channel: 'email',
        kind: 'request',
        subject: 'Dėl vietos darželyje – ąčęėįšųūž',
        body: 'Laba diena, ar yra laisvų vietų? ĄČĘĖĮŠŲŪŽ',
        client: { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: null, language: 'lt' },
      });
      expect(await byMessageId('<cp1257-1@tevai.lt>')).toMatchObject({
        subject: 'Prašymas dėl maitinimo',
        body: 'Noriu pakeisti vaiko maitinimą: be žuvies ir riešutų.',
        client: { name: 'Rūta Šimkutė', email: 'ruta@example.lt' },
      });
      expect(await byMessageId('<iso-1@tevai.lt>')).toMatchObject({
        kind: 'complaint',
        subject: 'Skundas dėl kiemo',
        body: 'Kieme sulūžo sūpynės.',
        client: { name: 'Žydrūnas Čepulis' },
      });
      const registered = await byMessageId('<utf8-1@tevai.lt>');
      await eventually(() => expect(recorder.events.some((e) => e.type === 'registered' && e.inquiryId === registered!.id)).toBe(true));
    });

    it('R33.language: HTML-only mail becomes text; an English message is answered in English', async () => {
      await deliver(
        rfc822({
          from: 'Parent <parent@example.com>',
          subject: 'Question about the summer',
          messageId: '<html-1@example.com>',
          contentType: 'text/html; charset=UTF-8',
          body: '<html><body><p>Hello, could you please tell me <b>when</b> the summer break starts?</p><p>Thank you</p></body></html>',
        }),
      );
      const inquiry = await byMessageId('<html-1@example.com>');
      expect(inquiry!.body).toMatch(/^Hello, could you please tell me when the summer break starts\?\s+Thank you$/);
      expect(inquiry!.body).not.toContain('<');
      expect(inquiry!.client.language).toBe('en');
    });

    it('R12.records: attachments are stored; one over the size limit is recorded but not kept', async () => {
      const boundary = 'b-1';
      const body = [
        `--${boundary}`,
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'Prisegu pažymą.',
        `--${boundary}`,
        `Content-Type: application/pdf; name="${encodedWord('pažyma.pdf', 'UTF-8', 'B')}"`,
        'Content-Disposition: attachment; filename*=UTF-8\'\'pa%C5%BEyma.pdf',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(Buffer.from('%PDF-1.4 small')),
        `--${boundary}`,
        'Content-Type: image/jpeg; name="large.jpg"',
        'Content-Disposition: attachment; filename="large.jpg"',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(Buffer.alloc(5000, 7)),
        `--${boundary}--`,
      ].join('\r\n');
      await deliver(rfc822({ from: 'Ona <ona.mama@example.lt>', subject: 'Pažyma', messageId: '<att-1@tevai.lt>', contentType: `multipart/mixed; boundary="${boundary}"`, body }));
      const inquiry = await byMessageId('<att-1@tevai.lt>');
      expect(inquiry!.body).toBe('Prisegu pažymą.');
      const stored: Array<Record<string, any>> = await t.app.dataSource.query(
        'SELECT id, filename, content_type, size_bytes, disposition, content, sealed_content FROM mail_attachments WHERE inquiry_id = $1 ORDER BY position',
        [inquiry!.id],
      );
      // Encrypted at rest (issue #15; docs/data-protection.md): nothing in the plaintext column, the sealed value opens.
      expect(stored.map((row) => row.content)).toEqual([null, null]);
      const cipher = cipherOf(t.app.dataSource.manager);
      const rows = stored.map(({ id, sealed_content: sealed, content: _plain, ...row }) => ({ ...row, content: sealed ? cipher.open(sealed, sealContext('mail_attachments', 'content', id)) : null }));
      expect(rows).toEqual([
        { filename: 'pažyma.pdf', content_type: 'application/pdf', size_bytes: 14, disposition: 'stored', content: Buffer.from('%PDF-1.4 small') },
        { filename: 'large.jpg', content_type: 'image/jpeg', size_bytes: 5000, disposition: 'too_large', content: null },
      ]);
    });

    it('R15.register: auto-replies, bulk mail and delivery reports are not inquiries, and are not read again', async () => {
      const autoReply = rfc822({
        from: 'Giedrė <giedre@example.lt>',
        subject: 'Automatinis atsakymas: atostogauju',
        messageId: '<auto-1@example.lt>',
        extraHeaders: ['Auto-Submitted: auto-replied'],
        contentType: 'text/plain; charset=UTF-8',
        body: 'Grįšiu pirmadienį.',
      });
      const bulk = rfc822({ from: 'News <news@example.lt>', subject: 'Naujienos', messageId: '<bulk-1@example.lt>', extraHeaders: ['Precedence: bulk'], contentType: 'text/plain', body: 'News' });
      const bounce = rfc822({
        from: 'Mail Delivery System <MAILER-DAEMON@example.lt>',
        subject: 'Undelivered Mail Returned to Sender',
        messageId: '<bounce-1@example.lt>',
        contentType: 'multipart/report; report-type=delivery-status; boundary="r"',
        body: ['--r', 'Content-Type: text/plain', '', 'Delivery failed.', '--r', 'Content-Type: message/delivery-status', '', 'Action: failed', 'Status: 5.1.1', '--r--'].join('\r\n'),
      });
      const before = await count('SELECT count(*) FROM inquiries', []);
      await deliver(autoReply, bulk, bounce);
      expect(await count('SELECT count(*) FROM inquiries', [])).toBe(before);
      const status = (await imap.status('INBOX', { uidNext: true })) as { uidNext: number };
      const [mark] = await t.app.dataSource.query('SELECT last_uid FROM mailbox_marks WHERE mailbox = $1', ['INBOX']);
      expect(Number(mark.last_uid)).toBe(status.uidNext - 1);
    });

    it('R4.owner / R22: a reply in the thread, or with the registry number in the subject, is appended and goes to the owner', async () => {
      const first = await byMessageId('<utf8-1@tevai.lt>');
      await t.app.inquiries.claim(first!.id, staff.ona.id);
      const before = await count('SELECT count(*) FROM inquiries', []);
      await deliver(
        rfc822({
          from: 'Giedrė Žemaitienė <giedre@example.lt>',
          subject: 'Re: Dėl vietos darželyje',
          messageId: '<utf8-2@tevai.lt>',
          extraHeaders: ['In-Reply-To: <utf8-1@tevai.lt>', 'References: <utf8-1@tevai.lt>'],
          contentType: 'text/plain; charset=UTF-8',
          body: 'Papildau: vaikui 3 metai.',
        }),
        rfc822({
          from: 'Kitas adresas <giedre.darbas@example.lt>',
          subject: encodedWord(`Re: [${first!.registryNumber}] Gavome jūsų kreipimąsi`, 'UTF-8', 'B'),
          messageId: '<utf8-3@tevai.lt>',
          contentType: 'text/plain; charset=UTF-8',
          body: 'Dar vienas klausimas.',
        }),
      );
      expect(await count('SELECT count(*) FROM inquiries', [])).toBe(before);
      const messages = await t.app.dataSource.query('SELECT message_id, body FROM client_messages WHERE inquiry_id = $1 ORDER BY received_at, message_id', [first!.id]);
      expect(messages).toEqual([
        { message_id: '<utf8-2@tevai.lt>', body: 'Papildau: vaikui 3 metai.' },
        { message_id: '<utf8-3@tevai.lt>', body: 'Dar vienas klausimas.' },
      ]);
      await eventually(() => {
        const received = recorder.events.filter((e) => e.type === 'client_message_received' && e.inquiryId === first!.id);
        expect(received).toHaveLength(2);
        expect(received[0]).toMatchObject({ ownerId: staff.ona.id });
      });
    });

    it('R15.register: a message registered just before a crash (mark not yet moved) is registered exactly once on the next run', async () => {
      const message = rfc822({ from: 'Laima <laima@example.lt>', subject: 'Dėl ekskursijos', messageId: '<crash-1@tevai.lt>', contentType: 'text/plain; charset=UTF-8', body: 'Kada ekskursija?' });
      await imap.append('INBOX', message);
      // The previous run got as far as committing the inquiry, then died before moving the mark.
      expect(await t.app.mail.intake.process(message, new Date())).toBe('registered');
      await poller().pollNow();
      // The same message delivered twice to the mailbox changes nothing either.
      await deliver(message);
      expect(await count('SELECT count(*) FROM inquiries WHERE external_id = $1', ['<crash-1@tevai.lt>'])).toBe(1);
      const inquiry = await byMessageId('<crash-1@tevai.lt>');
      const timeline = await repository().timeline(inquiry!.id);
      expect(timeline.filter((entry) => entry.action === 'registered')).toHaveLength(1);
      const status = (await imap.status('INBOX', { uidNext: true })) as { uidNext: number };
      const [mark] = await t.app.dataSource.query('SELECT last_uid FROM mailbox_marks WHERE mailbox = $1', ['INBOX']);
      expect(Number(mark.last_uid)).toBe(status.uidNext - 1);
    });
  });

  describe('IMAP poison messages', () => {
    const uidNext = async () => ((await imap.status('INBOX', { uidNext: true })) as { uidNext: number }).uidNext;
    const markedUid = async () => Number((await t.app.dataSource.query('SELECT last_uid FROM mailbox_marks WHERE mailbox = $1', ['INBOX']))[0].last_uid);
    const plain = (id: string, subject: string, body: string) =>
      rfc822({ from: 'Laima <laima@example.lt>', subject, messageId: id, contentType: 'text/plain; charset=UTF-8', body });

    /** Makes PostgreSQL refuse inquiries whose subject contains `word`, with `sqlState`, until the returned undo. */
    async function refuseSubjects(word: string, sqlState: string): Promise<() => Promise<void>> {
      // Schema changes are the owner's (the service's role owns nothing, issue #17).
      await t.database.asOwner(`
        CREATE FUNCTION test_refuse_inquiry() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.subject LIKE '%${word}%' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '${sqlState}'; END IF;
          RETURN NEW;
        END $$`);
      await t.database.asOwner('CREATE TRIGGER test_refuse_inquiry BEFORE INSERT ON inquiries FOR EACH ROW EXECUTE FUNCTION test_refuse_inquiry()');
      return async () => {
        await t.database.asOwner('DROP TRIGGER test_refuse_inquiry ON inquiries');
        await t.database.asOwner('DROP FUNCTION test_refuse_inquiry()');
      };
    }

    it('R12.records / R15.register: an e-mail with a NUL (=00) is registered once, cleaned, and the e-mails after it are not held up', async () => {
      const withNul = rfc822({
        from: '=?UTF-8?Q?Ona=00_Nulyt=C4=97?= <ona.nul@example.lt>',
        subject: '=?UTF-8?Q?D=C4=97l=00_piet=C5=B3?=',
        messageId: '<nul-1@tevai.lt>',
        contentType: 'text/plain; charset=UTF-8',
        transferEncoding: 'quoted-printable',
        body: 'Laba diena=00, ar galima be pieno?',
      });
      const after = plain('<after-nul-1@tevai.lt>', 'Po nulio', 'Ar gavote?');
      await deliver(withNul, after);
      expect(await byMessageId('<nul-1@tevai.lt>')).toMatchObject({
        subject: 'Dėl pietų',
        body: 'Laba diena, ar galima be pieno?',
        client: { name: 'Ona Nulytė', email: 'ona.nul@example.lt' },
      });
      expect(await byMessageId('<after-nul-1@tevai.lt>')).not.toBeNull();
      // Read again, it stays one inquiry.
      await t.app.mail.intake.process(withNul, new Date());
      expect(await count('SELECT count(*) FROM inquiries WHERE external_id = $1', ['<nul-1@tevai.lt>'])).toBe(1);
      expect(await markedUid()).toBe((await uidNext()) - 1);
    });

    it('R12.records: an e-mail that cannot be registered is recorded as failed with a reason, stays in the mailbox, and the next one goes through', async () => {
      const undo = await refuseSubjects('nepriimamas', '22021');
      try {
        const poison = plain('<poison-1@tevai.lt>', 'Laiškas nepriimamas', 'Šio laiško duomenų bazė nepriima.');
        const garbage = Buffer.from('\u0000\u0001 not a message at all \r\n\r\n\u0000', 'latin1');
        const next = plain('<after-poison-1@tevai.lt>', 'Po nuodingo', 'Ar mano laiškas atėjo?');
        const firstUid = await uidNext();
        await deliver(poison, garbage, next);
        expect(await byMessageId('<after-poison-1@tevai.lt>')).not.toBeNull();
        expect(await byMessageId('<poison-1@tevai.lt>')).toBeNull();
        const failures = await t.app.dataSource.query('SELECT uid, reason, message_id_hash FROM mail_intake_failures WHERE mailbox = $1 AND uid >= $2 ORDER BY uid', ['INBOX', firstUid]);
        expect(failures).toEqual([
          { uid: String(firstUid), reason: 'db:22021', message_id_hash: expect.stringMatching(/^[0-9a-f]{16}$/) },
          { uid: String(firstUid + 1), reason: 'INPUT.INVALID', message_id_hash: expect.stringMatching(/^[0-9a-f]{16}$/) },
        ]);
        // Kept in the mailbox for a person to read; the mark is past it, so it is not read on every poll.
        const lock = await imap.getMailboxLock('INBOX');
        try {
          expect(await imap.search({ header: { 'message-id': '<poison-1@tevai.lt>' } }, { uid: true })).toEqual([firstUid]);
        } finally {
          lock.release();
        }
        expect(await markedUid()).toBe((await uidNext()) - 1);
        await poller().pollNow();
        expect(await count('SELECT count(*) FROM mail_intake_failures WHERE uid >= $1', [firstUid])).toBe(2);
        const health = await (await fetch(`${t.app.url}/healthz`)).json();
        expect(health.mailbox.failedMessages).toBeGreaterThanOrEqual(2);
      } finally {
        await undo();
      }
    });

    it('R12.records / R15.register: while the database fails for its own reasons, the e-mail is retried, not given up, and then registered once', async () => {
      const undo = await refuseSubjects('perkraunama', '57P01');
      const message = plain('<restart-1@tevai.lt>', 'Kol perkraunama', 'Ar gausite?');
      const markBefore = await markedUid();
      try {
        await imap.append('INBOX', message);
        await expect(poller().pollNow()).rejects.toThrow();
        expect(await markedUid()).toBe(markBefore);
        expect(await count('SELECT count(*) FROM mail_intake_failures WHERE uid > $1', [markBefore])).toBe(0);
      } finally {
        await undo();
      }
      await poller().pollNow();
      expect(await count('SELECT count(*) FROM inquiries WHERE external_id = $1', ['<restart-1@tevai.lt>'])).toBe(1);
      expect(await markedUid()).toBe((await uidNext()) - 1);
    });
  });

  describe('IMAP availability', () => {
    it('R12.records: a mailbox that is down is retried with backoff and /healthz shows it', async () => {
      const port = await freePort();
      const down = await startTestApp({}, undefined, { IMAP_URL: `imap://intake:intake-secret@127.0.0.1:${port}`, IMAP_POLL_SECONDS: '3600' });
      let late: TestMailbox | null = null;
      try {
        await eventually(async () => {
          const health = await (await fetch(`${down.app.url}/healthz`)).json();
          expect(health).toMatchObject({ status: 'ok', mailbox: { state: 'down', mailbox: 'INBOX' } });
          expect(health.mailbox.failures).toBeGreaterThanOrEqual(1);
        });
        late = await startDovecot(port);
        await eventually(async () => {
          const health = await (await fetch(`${down.app.url}/healthz`)).json();
          expect(health.mailbox).toMatchObject({ state: 'up', failures: 0, lastError: null });
        }, 30_000);
      } finally {
        await down.stop();
        await late?.stop();
      }
    });
  });
});
