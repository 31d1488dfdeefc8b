import { emailedRequest, eventually, ManualClock } from '../support/app.js';
import { SmtpReceiver } from '../support/smtp-receiver.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { blockAction, text, viewSubmission } from './support/payloads.js';
import { postInteraction } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';
import { savedText } from './support/workflow-steps.js';

let h: SlackHarness;
const smtp = new SmtpReceiver();
// Monday 10:00 in Vilnius: office hours, the first reply is due tomorrow.
const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
let sequence = 0;

beforeAll(async () => {
  await smtp.start();
  h = await startSlackHarness({ clock }, { SMTP_URL: smtp.url, MAIL_FROM: 'Daigelis <rastine@daigelis.lt>' });
  // A representative on Slack whose profile lacks position and phone: she cannot sign an e-mail (R36.signature).
  await h.t.app.staff.importMembers([
    { firstName: 'Rūta', surname: 'Rūtaitė', email: 'ruta@daigelis.lt', manager: 'vida@daigelis.lt', slackUserId: 'URUTA0001' },
  ]);
});
afterAll(async () => {
  await h.stop();
  await smtp.stop();
});
afterEach(() => expect(blockKitViolations(h.api.calls)).toEqual([]));


/** An e-mailed inquiry from its own client address, announced, and claimed by `ownerId` when given. */
async function inquiryFrom(ownerId: string | null, client: Record<string, unknown> = {}) {
  sequence += 1;
  const address = `tevai${sequence}@example.lt`;
  const { inquiry } = await h.t.app.inquiries.register(
    emailedRequest({ client: { name: 'Giedrė Žemaitienė', email: address, phone: null, language: 'lt', ...client }, subject: `Dėl vietos ${sequence}` }),
  );
  const ts = await h.announcementOf(inquiry.id);
  const claimed = ownerId ? await h.t.app.inquiries.claim(inquiry.id, ownerId) : inquiry;
  return { inquiry: claimed, address, ts };
}

/** The buttons of the announcement as last rendered (posted, then updated in place). */
function cardButtons(inquiryId: string, ts: string): Promise<string[]> {
  return eventually(() => {
    const renders = [
      ...h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && !body.thread_ts && JSON.stringify(body.blocks).includes(inquiryId)),
      ...h.api.ok('chat.update', (body) => body.ts === ts),
    ];
    const actions = renders.at(-1)!.blocks.find((block: any) => block.type === 'actions');
    return actions.elements.map((button: any) => button.action_id) as string[];
  });
}

function replyForms(inquiryId: string) {
  return h.api.ok('views.open', (body) => body.view.callback_id === 'reply_email' && body.view.private_metadata.includes(inquiryId));
}

describe('reply by e-mail', () => {
  it('R14.reply-1wd / R36.signature: the owner replies from the card; the client gets it signed, it counts as the first reply, the card updates', async () => {
    const { inquiry, address, ts } = await inquiryFrom(null);
    expect(await cardButtons(inquiry.id, ts)).toEqual(['claim', 'details']);
    await h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id);
    await eventually(async () => expect(await cardButtons(inquiry.id, ts)).toEqual(['log_call', 'reply_email', 'mark_replied', 'escalate', 'details', 'inquiry_more']));

    await postInteraction(h.events, blockAction('UONA00001', 'reply_email', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    const view = await eventually(() => {
      const found = replyForms(inquiry.id);
      expect(found).toHaveLength(1);
      return found[0]!.view;
    });
    expect(view.title.text).toBe('Atsakymas el. paštu');
    expect(view.blocks).toHaveLength(1);
    expect(view.blocks[0]).toMatchObject({ block_id: 'text', optional: false, element: { type: 'plain_text_input', multiline: true } });
    const metadata = JSON.parse(view.private_metadata);

    // Blank text is refused beside the field; nothing is queued.
    const blank = await postInteraction(h.events, viewSubmission('UONA00001', 'reply_email', { text: text('   \n ') }, metadata));
    // One error mapping for both platforms (plan §2.1): a blank required text is "required", as on Teams (was "invalid").
    expect(blank.json).toEqual({ response_action: 'errors', errors: { text: 'Privaloma užpildyti' } });
    expect(await h.t.app.mail.messaging.emailsOf(inquiry.id)).toEqual([]);

    const body = 'Laba diena, vietų grupėje „Drugeliai“ yra. Ąčęėįšųūž.';
    const sent = await postInteraction(h.events, viewSubmission('UONA00001', 'reply_email', { text: text(body) }, metadata));
    expect(sent.status).toBe(200);
    expect(savedText(sent)).toBe(`${inquiry.registryNumber}: laiškas klientui išsiųstas.`);
    const [mail] = await eventually(() => {
      const found = smtp.to(address);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(mail!.parsed.subject).toBe(`[${inquiry.registryNumber}] Re: ${inquiry.subject}`);
    expect(mail!.parsed.text).toContain(body);
    expect(mail!.parsed.text).toMatch(/-- \nAuklėtoja\nOna Onaitė\nTel\. \+37060000002/);
    expect(mail!.parsed.inReplyTo).toBe(inquiry.externalId);

    // R14.reply-1wd: the e-mail is the first reply; the card no longer offers Mark replied.
    const snapshot = await h.t.app.queries.get(inquiry.id);
    expect(snapshot.inquiry.firstReplyAt).toEqual(clock.now());
    expect(snapshot.timeline.find((entry) => entry.action === 'first_reply_sent')!.actorId).toBe(h.staff.ona.id);
    await eventually(async () => expect(await cardButtons(inquiry.id, ts)).toEqual(['log_call', 'reply_email', 'escalate', 'details', 'inquiry_more']));
    // Confirmed in the form itself (savedText above), not by a DM.
    expect(h.api.ok('chat.postMessage', (message) => message.channel === 'UONA00001')).toHaveLength(0);
  });

  it('R36.signature: a member without position or phone is told what is missing; no form opens and nothing is sent', async () => {
    const ruta = (await h.t.app.staff.findBySlackUser('URUTA0001'))!;
    const { inquiry, address, ts } = await inquiryFrom(ruta.id);
    await eventually(async () => expect(await cardButtons(inquiry.id, ts)).toContain('reply_email'));

    await postInteraction(h.events, blockAction('URUTA0001', 'reply_email', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    const [refusal] = await eventually(() => {
      const found = h.api.ok('chat.postEphemeral', (body) => body.user === 'URUTA0001' && body.channel === STAFF_CHANNEL);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(refusal!.text).toBe('Prieš rašydami klientui (el. laišką ar raštą), profilyje nurodykite pareigas, vardą, pavardę ir telefoną (trūksta: position, phone).');
    expect(replyForms(inquiry.id)).toEqual([]);

    // A submission that gets past the button anyway (an old form) is refused beside the field.
    const forced = await postInteraction(h.events, viewSubmission('URUTA0001', 'reply_email', { text: text('Atsakymas') }, { inquiryId: inquiry.id, number: inquiry.registryNumber }));
    expect(forced.json).toEqual({ response_action: 'errors', errors: { text: expect.stringContaining('trūksta: position, phone') } });
    expect(await h.t.app.mail.messaging.emailsOf(inquiry.id)).toEqual([]);
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.firstReplyAt).toBeNull();
    expect(smtp.to(address)).toEqual([]);
  });

  it('R36.signature: an inquiry without a client e-mail address offers no Reply by e-mail', async () => {
    const { inquiry, ts } = await inquiryFrom(h.staff.ona.id, { email: null, phone: '+37060000099' });
    await eventually(async () => expect(await cardButtons(inquiry.id, ts)).toEqual(['log_call', 'mark_replied', 'escalate', 'details', 'inquiry_more']));
  });

  it('R12.records: an e-mail the server rejects for good is reported to its sender by DM, with Open', async () => {
    const { inquiry, address } = await inquiryFrom(h.staff.ona.id);
    smtp.refuse = { count: 1, code: 550 };
    await h.t.app.mail.messaging.replyToClient(inquiry.id, h.staff.ona.id, 'Atsakymas');
    const [dm] = await eventually(() => {
      const found = h.api.ok('chat.postMessage', (body) => body.channel === 'DONA00001' && String(body.text).includes(`${inquiry.registryNumber} išsiųsti nepavyko`));
      expect(found).toHaveLength(1);
      return found;
    });
    const buttons = dm!.blocks.find((block: any) => block.type === 'actions').elements;
    expect(buttons.map((button: any) => [button.action_id, button.value])).toEqual([['details', inquiry.id]]);
    expect(smtp.to(address)).toEqual([]);
  });
});

describe('the client writes back', () => {
  /** The client's answer as it arrives in the intake mailbox, found by the registry number in its subject. */
  function clientAnswer(address: string, registryNumber: string, body: string): Buffer {
    return Buffer.from(
      [
        `From: Giedrė <${address}>`,
        'To: rastine@daigelis.lt',
        `Subject: Re: [${registryNumber}] Dėl vietos`,
        `Message-ID: <answer-${registryNumber}@example.lt>`,
        'Content-Type: text/plain; charset=UTF-8',
        '',
        body,
      ].join('\r\n'),
    );
  }

  it('R4.owner: the owner gets a DM in their language with the inquiry and Open; nothing goes to the channel', async () => {
    const { inquiry, address, ts } = await inquiryFrom(h.staff.jonas.id);
    expect(await h.t.app.mail.intake.process(clientAnswer(address, inquiry.registryNumber, 'Ačiū, laukiu <!channel>.'), new Date())).toBe('appended');
    const [dm] = await eventually(() => {
      const found = h.api.ok('chat.postMessage', (body) => body.channel === 'DJONAS001' && String(body.text).includes(inquiry.registryNumber));
      expect(found).toHaveLength(1);
      return found;
    });
    expect(dm!.text).toBe(`The client wrote about ${inquiry.registryNumber}: ${inquiry.subject}`);
    const buttons = dm!.blocks.find((block: any) => block.type === 'actions').elements;
    expect(buttons.map((button: any) => [button.action_id, button.text.text, button.value])).toEqual([['details', 'Open', inquiry.id]]);
    expect(h.api.ok('chat.postMessage', (body) => body.thread_ts === ts)).toEqual([]);
  });

  it('R4.owner: with nobody owning the inquiry, the note goes to the announcement thread in the channel language', async () => {
    const { inquiry, address, ts } = await inquiryFrom(null);
    expect(await h.t.app.mail.intake.process(clientAnswer(address, inquiry.registryNumber, 'Ar gavote?'), new Date())).toBe('appended');
    const [note] = await eventually(() => {
      const found = h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && body.thread_ts === ts);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(note!.text).toBe(`Klientas parašė dėl ${inquiry.registryNumber}: ${inquiry.subject}`);
    expect(note!.blocks.find((block: any) => block.type === 'actions').elements.map((button: any) => button.action_id)).toEqual(['details']);
  });
});
