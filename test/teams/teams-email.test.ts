import { emailedRequest } from '../support/app.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';
import { taskFetch, taskSubmit, TEAM_ID } from './support/activities.js';
import { cardButtons, cardText, cardsIn } from './support/cards.js';
import { allSentCards, eventually, expectValidCards, people, startTeamsWithMail, type TeamsHarness, dmCards, announcementOf } from './support/teams-app.js';

let h: TeamsHarness & { smtp: SmtpReceiver };
let sequence = 0;

beforeAll(async () => {
  h = await startTeamsWithMail();
});
afterAll(() => h.stop());


/** An e-mailed inquiry from its own address, announced in the channel and (unless `owner` is null) claimed. */
async function inquiryOf(owner: 'ona' | 'jonas' | null) {
  sequence += 1;
  const address = `klientas${sequence}@example.lt`;
  const { inquiry } = await h.t.app.inquiries.register(
    emailedRequest({ client: { name: 'Giedrė Žemaitienė', email: address, phone: null, language: 'lt' }, subject: `Dėl vietos ${sequence}` }),
  );
  const messageId = await announcementOf(h, inquiry.id);
  if (owner) await h.t.app.inquiries.claim(inquiry.id, h.staff[owner].id);
  return { inquiry, address, messageId };
}

describe('Teams: reply by e-mail', () => {
  it('R36.signature: a member without position or phone is refused before any form opens, and nothing is sent', async () => {
    const { inquiry, address } = await inquiryOf('jonas');
    const fetched = await h.post(taskFetch(h.connector.url, people.jonas, { dialog: 'reply_email', inquiryId: inquiry.id }));
    expect(fetched.body.task.type).toBe('message');
    expect(fetched.body.task.value).toContain('missing: position, phone');
    // Even a submit that skips the form is refused, shown in the form, and changes nothing.
    const submitted = await h.post(taskSubmit(h.connector.url, people.jonas, { dialog: 'reply_email', inquiryId: inquiry.id, text: 'Laba diena' }));
    expect(submitted.body.task.type).toBe('continue');
    expect(cardText(submitted.body.task.value.card.content)).toContain('missing: position, phone');
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.firstReplyAt).toBeNull();
    expect(await h.t.app.mail.messaging.emailsOf(inquiry.id)).toEqual([]);
    expect(h.smtp.to(address)).toEqual([]);
  });

  it('R36.signature / R14.reply-1wd: the owner replies from the card; the client gets it signed and it counts as the first reply', async () => {
    const { inquiry, address, messageId } = await inquiryOf('ona');
    const offered = await eventually(() => {
      const card = cardsIn(h.connector.updates(messageId).at(-1)?.body ?? {})[0];
      expect(cardButtons(card)).toContain('dialog:reply_email');
      return card;
    });
    expectValidCards([offered]);

    const fetched = await h.post(taskFetch(h.connector.url, people.ona, { dialog: 'reply_email', inquiryId: inquiry.id }));
    expect(fetched.body.task.type).toBe('continue');
    const form = fetched.body.task.value.card.content;
    expect(cardText(form)).toContain('Laiškas klientui');
    expect(cardButtons(form)).toEqual(['dialog:reply_email']);
    expectValidCards([form]);

    const empty = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'reply_email', inquiryId: inquiry.id, text: '   ' }));
    expect(empty.body.task.type).toBe('continue');
    expect(cardText(empty.body.task.value.card.content)).toContain('Privaloma užpildyti');
    expect(h.smtp.to(address)).toEqual([]);

    const text = 'Laba diena, vietų grupėje „Drugeliai“ yra. Ąčęėįšųūž.';
    const sent = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'reply_email', inquiryId: inquiry.id, text }));
    expect(sent.body).toEqual({ task: { type: 'message', value: `${inquiry.registryNumber}: laiškas klientui išsiųstas.` } });

    const [mail] = await eventually(() => {
      const mails = h.smtp.to(address);
      expect(mails).toHaveLength(1);
      return mails;
    });
    expect(mail!.parsed.subject).toContain(`[${inquiry.registryNumber}]`);
    expect(mail!.parsed.text).toContain(text);
    expect(mail!.parsed.text).toMatch(/-- \nAuklėtoja\nOna Onaitė\nTel\. \+37060000002/);
    const snapshot = await h.t.app.queries.get(inquiry.id);
    expect(snapshot.inquiry.firstReplyAt).not.toBeNull();
    expect(snapshot.timeline.map((entry) => entry.action)).toContain('first_reply_sent');
    // The announcement catches up: a first reply leaves nothing to mark as replied.
    await eventually(() => {
      const card = cardsIn(h.connector.updates(messageId).at(-1)?.body ?? {})[0];
      expect(cardButtons(card)).not.toContain('inquiry.mark_replied');
      expect(cardButtons(card)).toContain('dialog:reply_email');
    });
  });
});

describe('Teams: client messages', () => {
  it('R4.owner: a client’s follow-up reaches the owner in a 1:1 chat with Open', async () => {
    const { inquiry } = await inquiryOf('ona');
    const received = await h.t.app.mail.messaging.receiveClientMessage({
      inquiryId: inquiry.id, messageId: `<follow-up-${inquiry.id}@example.lt>`, fromAddress: 'klientas@example.lt',
      subject: `Re: [${inquiry.registryNumber}]`, body: 'Ar dar yra vietų?', receivedAt: new Date(),
    });
    expect(received).toBe(true);
    const notice = await eventually(() => {
      const found = dmCards(h, people.ona).find((card) => cardText(card).includes(`Klientas parašė dėl ${inquiry.registryNumber}`));
      expect(found).toBeDefined();
      return found;
    });
    expect(cardText(notice)).toContain(inquiry.subject);
    expect(cardButtons(notice)).toEqual(['inquiry.details']);
    expect(dmCards(h, people.jonas).some((card) => cardText(card).includes(inquiry.registryNumber))).toBe(false);
  });

  it('R4.owner: with nobody owning the inquiry, the client’s message is told in the announcement’s thread', async () => {
    const { inquiry, messageId } = await inquiryOf(null);
    await h.t.app.mail.messaging.receiveClientMessage({
      inquiryId: inquiry.id, messageId: `<follow-up-${inquiry.id}@example.lt>`, fromAddress: 'klientas@example.lt',
      subject: `Re: [${inquiry.registryNumber}]`, body: 'Ar dar yra vietų?', receivedAt: new Date(),
    });
    await eventually(() => {
      const thread = h.connector.replies(TEAM_ID).filter((call) => call.activityId === messageId);
      expect(thread.map((call) => cardText(cardsIn(call.body)[0]))).toEqual([expect.stringContaining(`Klientas parašė dėl ${inquiry.registryNumber}`)]);
    });
  });

  it('R36.signature: an e-mail the mail server refuses for good is reported to its sender in a 1:1 chat', async () => {
    const { inquiry, address } = await inquiryOf('ona');
    h.smtp.refuse = { count: 1, code: 550 };
    const sent = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'reply_email', inquiryId: inquiry.id, text: 'Laba diena' }));
    expect(sent.body.task.type).toBe('message');
    const notice = await eventually(() => {
      const found = dmCards(h, people.ona).find((card) => cardText(card).includes(`Laiško klientui dėl ${inquiry.registryNumber} išsiųsti nepavyko`));
      expect(found).toBeDefined();
      return found;
    });
    expect(cardButtons(notice)).toEqual(['inquiry.details']);
    expect(h.smtp.to(address)).toEqual([]);
  });

  it('every card the bot sent in this file is valid Adaptive Card 1.5', () => {
    expectValidCards(allSentCards(h.connector));
  });
});
