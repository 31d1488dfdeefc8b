import { DomainError } from '../../src/domain/errors.js';
import { emailedRequest, eventually, ManualClock, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { SmtpReceiver, type ReceivedMail } from '../support/smtp-receiver.js';

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
const smtp = new SmtpReceiver();
const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
const recorder = new RecordingNotifier();
let sequence = 0;

beforeAll(async () => {
  await smtp.start();
  t = await startTestApp({ clock, notifiers: [recorder] }, undefined, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Daigelis <rastine@daigelis.lt>',
    MAIL_ACKNOWLEDGEMENT_SIGNER: 'vida@daigelis.lt',
  });
  staff = await seedStaff(t.app);
});
afterAll(async () => {
  await t.stop();
  await smtp.stop();
});

/** A registered e-mail inquiry from its own client address, claimed by `owner`. */
async function claimed(owner: string, overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const address = `klientas${sequence}@example.lt`;
  const { inquiry } = await t.app.inquiries.register(
    emailedRequest({ client: { name: 'Giedrė Žemaitienė', email: address, phone: null, language: 'lt' }, ...overrides }),
  );
  await t.app.inquiries.claim(inquiry.id, owner);
  return { inquiry, address };
}

async function mailsTo(address: string, count: number): Promise<ReceivedMail[]> {
  return eventually(() => {
    const mails = smtp.to(address);
    expect(mails.length).toBeGreaterThanOrEqual(count);
    return mails;
  });
}

function header(mail: ReceivedMail, name: string): string {
  const value = mail.parsed.headers.get(name);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

describe('client e-mail', () => {
  it('R15.register / R33.language: an e-mailed inquiry is acknowledged with its number and reply time, in Lithuanian letters intact', async () => {
    const { inquiry, address } = await claimed(staff.ona.id);
    const [ack] = await mailsTo(address, 1);
    expect(ack!.parsed.subject).toBe(`[${inquiry.registryNumber}] Gavome jūsų kreipimąsi: Dėl vietos darželyje`);
    expect(ack!.parsed.text).toContain(`užregistravome numeriu ${inquiry.registryNumber}`);
    expect(ack!.parsed.text).toContain('Atsakysime iki 2027 m. kovo 2 d.');
    expect(ack!.parsed.text).toContain('Laba diena, Giedrė Žemaitienė,');
    // Threading: the acknowledgement answers the client's own message.
    expect(ack!.parsed.inReplyTo).toBe(inquiry.externalId);
    expect(ack!.parsed.from?.text).toContain('rastine@daigelis.lt');
    expect(header(ack!, 'auto-submitted')).toBe('auto-generated');
    expect(ack!.raw.toString('utf8')).toMatch(/charset=utf-8/i);
  });

  it('R36.signature / R33.language / R14.reply-1wd: the owner\'s reply carries the signature, the thread and stops the reminder', async () => {
    const { inquiry, address } = await claimed(staff.ona.id);
    await mailsTo(address, 1);
    const text = 'Laba diena, vietų grupėje „Drugeliai“ yra. Ąčęėįšųūž – ĄČĘĖĮŠŲŪŽ.';
    const email = await t.app.mail.messaging.replyToClient(inquiry.id, staff.ona.id, text);
    const mails = await mailsTo(address, 2);
    const reply = mails.find((mail) => mail.parsed.messageId === email.messageId)!;
    expect(reply.parsed.subject).toBe(`[${inquiry.registryNumber}] Re: Dėl vietos darželyje`);
    expect(reply.parsed.text).toContain(text);
    // R36.signature: position, first name, surname, phone.
    expect(reply.parsed.text).toMatch(/-- \nAuklėtoja\nOna Onaitė\nTel\. \+37060000002\nKauno lopšelis-darželis „Daigelis“/);
    expect(reply.parsed.inReplyTo).toBe(inquiry.externalId);
    expect(reply.parsed.headers.has('auto-submitted')).toBe(false);
    const ackId = mails[0]!.parsed.messageId!;
    expect(header(reply, 'references')).toContain(inquiry.externalId!);
    expect(header(reply, 'references')).toContain(ackId);
    const snapshot = await t.app.queries.get(inquiry.id);
    expect(snapshot.inquiry.firstReplyAt).not.toBeNull();
    expect(snapshot.timeline.map((entry) => entry.action)).toEqual(expect.arrayContaining(['email_requested', 'first_reply_sent', 'email_sent']));
    // The scheduler is told the first-reply deadline is met, so its reminder never fires.
    const schedules = snapshot.timeline.filter((entry) => entry.action === 'deadlines_changed');
    expect(schedules.at(0)!.details.schedule).toHaveProperty('first_reply');
    expect(schedules.at(-1)!.details.schedule).not.toHaveProperty('first_reply');
    await eventually(() => expect(recorder.events.some((e) => e.type === 'first_reply_sent' && e.inquiryId === inquiry.id)).toBe(true));
  });

  it('R36.signature: a representative without position or phone is refused with a coded error and nothing is sent', async () => {
    const { inquiry, address } = await claimed(staff.rasa.id);
    await mailsTo(address, 1);
    const error = await t.app.mail.messaging.replyToClient(inquiry.id, staff.rasa.id, 'Atsakymas').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('MAIL.SIGNATURE_INCOMPLETE');
    expect((error as DomainError).details.missing).toBe('position, phone');
    await expect(t.app.mail.messaging.assertCanSign(staff.rasa.id)).rejects.toMatchObject({ code: 'MAIL.SIGNATURE_INCOMPLETE' });
    expect((await t.app.mail.messaging.emailsOf(inquiry.id)).map((email) => email.purpose)).toEqual(['acknowledgement']);
    expect((await t.app.queries.get(inquiry.id)).inquiry.firstReplyAt).toBeNull();
    expect(smtp.to(address)).toHaveLength(1);
  });

  it('R36.signature: a holding reply from a representative without a complete profile is not sent, and she is told', async () => {
    const { inquiry, address } = await claimed(staff.rasa.id);
    await mailsTo(address, 1);
    await t.app.inquiries.sendHoldingReply(inquiry.id, staff.rasa.id, new Date('2027-03-10T12:00:00+02:00'));
    await eventually(() =>
      expect(recorder.events.find((e) => e.type === 'email_failed' && e.inquiryId === inquiry.id)).toMatchObject({
        reason: 'MAIL.SIGNATURE_INCOMPLETE',
        recipientId: staff.rasa.id,
        purpose: 'holding_reply',
      }),
    );
    expect((await t.app.mail.messaging.emailsOf(inquiry.id)).map((email) => email.purpose)).toEqual(['acknowledgement']);
    expect(smtp.to(address)).toHaveLength(1);
  });

  it('R33.language: a client who prefers English gets English e-mail', async () => {
    const { inquiry } = await t.app.inquiries.register(
      emailedRequest({ client: { name: 'John Smith', email: 'john@example.com', phone: null, language: 'en' }, subject: 'Places' }),
    );
    const [ack] = await mailsTo('john@example.com', 1);
    expect(ack!.parsed.subject).toBe(`[${inquiry.registryNumber}] We received your inquiry: Places`);
    expect(ack!.parsed.text).toContain('Dear John Smith,');
    expect(ack!.parsed.text).toContain('We will reply by 2 March 2027');
    expect(ack!.parsed.text).toMatch(/-- \nDirektoriaus pavaduotoja\nVida Vadovė\nPhone \+37060000001/);
  });

  it('R14.holding-reply: the holding reply names the promised date', async () => {
    const { inquiry, address } = await claimed(staff.ona.id);
    await t.app.inquiries.sendHoldingReply(inquiry.id, staff.ona.id, new Date('2027-03-10T12:00:00+02:00'));
    const mails = await mailsTo(address, 2);
    const holding = mails.find((mail) => mail.parsed.subject?.includes('nagrinėjamas'))!;
    expect(holding.parsed.subject).toBe(`[${inquiry.registryNumber}] Jūsų kreipimasis nagrinėjamas: Dėl vietos darželyje`);
    expect(holding.parsed.text).toContain('iki 2027 m. kovo 10 d. 12:00');
    expect(holding.parsed.text).toContain('Ona Onaitė');
  });

  it('R14.urgent-call / R35.no-internal: the call summary says what was agreed, never risks, alternatives or escalation notes', async () => {
    const { inquiry, address } = await claimed(staff.ona.id);
    await t.app.escalations.raise(inquiry.id, staff.ona.id, {
      type: 'conflict',
      whatHappened: 'VIDINIS-ESKALAVIMAS tėvai grasino skųstis',
      clientToldWhat: 'VIDINIS-PAŽADAS paskambinsime',
      followUpAt: '2027-03-02T12:00:00+02:00',
    });
    await t.app.calls.logCall(inquiry.id, staff.ona.id, {
      outcome: 'reached',
      summary: 'Sutarėme dėl vietos grupėje „Drugeliai“ nuo rugsėjo.',
      clientExpectation: 'VIDINIS-LŪKESTIS vieta šalia namų',
      alternativesOffered: 'VIDINĖ-ALTERNATYVA grupė „Boružėlės“',
      risksExplained: 'VIDINĖ-RIZIKA eilė gali pasikeisti',
      nextStep: 'Atsiųsti prašymą',
      nextStepDue: '2027-03-05T12:00:00+02:00',
      emailSummaryToClient: true,
    });
    const mails = await mailsTo(address, 2);
    const summary = mails.find((mail) => mail.parsed.subject?.includes('santrauka'))!;
    expect(summary.parsed.text).toContain('Sutarėme dėl vietos grupėje „Drugeliai“ nuo rugsėjo.');
    expect(summary.parsed.text).toContain('Kitas žingsnis: Atsiųsti prašymą (iki 2027 m. kovo 5 d. 12:00).');
    // Everything the bot ever sent this client, raw and decoded: no internal note anywhere.
    await t.app.mail.messaging.replyToClient(inquiry.id, staff.ona.id, 'Laukiame prašymo.');
    const all = await mailsTo(address, 3);
    for (const mail of all) {
      const everything = `${mail.raw.toString('utf8')}\n${mail.parsed.subject}\n${mail.parsed.text}`;
      expect(everything).not.toMatch(/VIDIN/);
    }
  });

  it('R35.no-internal: a call without the e-mail checkbox sends nothing', async () => {
    const { inquiry, address } = await claimed(staff.ona.id);
    await mailsTo(address, 1);
    await t.app.calls.logCall(inquiry.id, staff.ona.id, { outcome: 'reached', summary: 'Pokalbis', clientExpectation: 'Atsakymas' });
    await t.app.inquiries.resolve(inquiry.id, staff.ona.id);
    // The acknowledgement, the resolution and the request to rate (R60.external) — no call summary.
    const mails = await mailsTo(address, 3);
    expect(mails.map((mail) => mail.parsed.subject).sort()).toEqual([
      `[${inquiry.registryNumber}] Gavome jūsų kreipimąsi: Dėl vietos darželyje`,
      `[${inquiry.registryNumber}] Jūsų kreipimasis išnagrinėtas: Dėl vietos darželyje`,
      `[${inquiry.registryNumber}] Kaip jums padėjome? Dėl vietos darželyje`,
    ].sort());
  });

  it('R19.status: resolving the inquiry tells the client, in the same thread', async () => {
    const { inquiry, address } = await claimed(staff.ona.id);
    const [ack] = await mailsTo(address, 1);
    await t.app.inquiries.resolve(inquiry.id, staff.ona.id);
    const mails = await mailsTo(address, 2);
    const status = mails[1]!;
    expect(status.parsed.text).toContain(`jūsų kreipimasis ${inquiry.registryNumber} išnagrinėtas`);
    expect(header(status, 'references')).toContain(ack!.parsed.messageId!);
  });

  it('R4.owner / R22: the client\'s answer to our e-mail joins the same inquiry; a copy of our own e-mail is ignored', async () => {
    const { inquiry, address } = await claimed(staff.ona.id);
    const [ack] = await mailsTo(address, 1);
    await t.app.mail.messaging.replyToClient(inquiry.id, staff.ona.id, 'Atsakymas');
    const [, reply] = await mailsTo(address, 2);
    expect(await t.app.mail.intake.process(reply!.raw, new Date())).toBe('automatic');
    expect(Number((await t.app.dataSource.query('SELECT count(*) FROM client_messages WHERE inquiry_id = $1', [inquiry.id]))[0].count)).toBe(0);
    const answer = Buffer.from(
      [
        `From: Giedrė <${address}>`,
        'To: rastine@daigelis.lt',
        'Subject: Re: Gavome',
        'Message-ID: <answer-1@example.lt>',
        `In-Reply-To: ${ack!.parsed.messageId}`,
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'Ačiū, laukiu.',
      ].join('\r\n'),
    );
    expect(await t.app.mail.intake.process(answer, new Date())).toBe('appended');
    const rows = await t.app.dataSource.query('SELECT inquiry_id, body FROM client_messages WHERE message_id = $1', ['<answer-1@example.lt>']);
    expect(rows).toEqual([{ inquiry_id: inquiry.id, body: 'Ačiū, laukiu.' }]);
  });

  it('R12.records: a send the server refuses for now is retried and the owner is told once; nothing is lost', async () => {
    const { inquiry, address } = await claimed(staff.ona.id);
    await mailsTo(address, 1);
    smtp.refuse = { count: 2, code: 451 };
    const email = await t.app.mail.messaging.replyToClient(inquiry.id, staff.ona.id, 'Atsakymas po klaidos');
    const mails = await mailsTo(address, 2);
    expect(mails.filter((mail) => mail.parsed.messageId === email.messageId)).toHaveLength(1);
    const failures = await eventually(() => {
      const found = recorder.events.filter((event) => event.type === 'email_failed' && event.inquiryId === inquiry.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(failures[0]).toMatchObject({ recipientId: staff.ona.id, reason: 'MAIL.RETRYING', emailId: email.id });
    await eventually(async () => {
      const stored = (await t.app.mail.messaging.emailsOf(inquiry.id)).find((row) => row.id === email.id)!;
      expect(stored).toMatchObject({ status: 'sent', attempts: 3 });
    });
  });

  it('R12.records: a recipient the server rejects for good is reported to the owner and not retried', async () => {
    const { inquiry, address } = await claimed(staff.ona.id);
    await mailsTo(address, 1);
    smtp.refuse = { count: 1, code: 550 };
    const email = await t.app.mail.messaging.replyToClient(inquiry.id, staff.ona.id, 'Atsakymas');
    await eventually(async () => {
      const stored = (await t.app.mail.messaging.emailsOf(inquiry.id)).find((row) => row.id === email.id)!;
      expect(stored).toMatchObject({ status: 'failed', attempts: 1 });
    });
    await eventually(() =>
      expect(recorder.events.find((event) => event.type === 'email_failed' && event.inquiryId === inquiry.id)).toMatchObject({ reason: 'MAIL.REJECTED' }),
    );
  });
});

describe('issue #17: the signature follows the institution\'s settings', () => {
  it("R36.signature: once an admin renames the institution, the owner's reply is signed with the new name, at once", async () => {
    await t.app.staff.importMembers([{ firstName: 'Aldona', surname: 'Adminė', email: 'aldona@daigelis.lt', roles: ['admin'] }]);
    const admin = (await t.app.queries.staffWithRole('admin')).find((member) => member.email === 'aldona@daigelis.lt')!;
    await t.app.institutionSettings.update(admin.id, { name: 'Kauno lopšelis-darželis „Daigelis“ (nauju pavadinimu)' });
    const { inquiry, address } = await claimed(staff.ona.id);
    await mailsTo(address, 1);
    const email = await t.app.mail.messaging.replyToClient(inquiry.id, staff.ona.id, 'Laba diena, atsakome.');
    const reply = (await mailsTo(address, 2)).find((mail) => mail.parsed.messageId === email.messageId)!;
    expect(reply.parsed.text).toMatch(/-- \nAuklėtoja\nOna Onaitė\nTel\. \+37060000002\nKauno lopšelis-darželis „Daigelis“ \(nauju pavadinimu\)/);
  });
});
