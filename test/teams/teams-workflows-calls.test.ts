import { emailedRequest } from '../support/app.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';
import { message, taskFetch, taskSubmit } from './support/activities.js';
import { cardButtons, cardsIn, cardText, dialogButtonData, fieldError, inputValue } from './support/cards.js';
import { fireNotice, noticeJob } from './support/jobs.js';
import { allSentCards, eventually, expectValidCards, people, startTeamsWithMail, type TeamsHarness, PERSONAL, personalChat, dmCards, dmCard } from './support/teams-app.js';

let h: TeamsHarness & { smtp: SmtpReceiver };
let sequence = 0;

beforeAll(async () => {
  h = await startTeamsWithMail();
});
afterAll(() => h.stop());

const local = (iso: string) => new Date(`${iso}+02:00`);

/** An e-mailed inquiry from its own address, claimed by Ona; `language` is the client's. */
async function onasInquiry(language = 'lt') {
  sequence += 1;
  const address = `klientas${sequence}@example.lt`;
  const { inquiry } = await h.t.app.inquiries.register(
    emailedRequest({ client: { name: 'Jane Smith', email: address, phone: '+37060011111', language }, subject: `Dėl vietos ${sequence}` }),
  );
  await h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id);
  return { inquiry, address };
}

describe('Teams: calls', () => {
  it('R29.agreed-time: the owner plans a call (a past time refused under its field); 10 min before, the reminder brings the plan, the history and Log call', async () => {
    h.clock.set('2027-03-01T10:00:00+02:00');
    const { inquiry } = await onasInquiry();
    const data = { dialog: 'schedule_call', inquiryId: inquiry.id };
    const form = (await h.post(taskFetch(h.connector.url, people.ona, data))).body.task.value.card.content;
    expect(cardText(form)).toContain('Sutartas laikas');

    const past = await h.post(taskSubmit(h.connector.url, people.ona, { ...data, atDate: '2027-03-01', atTime: '09:00', plan: 'Aptarti laisvas vietas' }));
    expect(fieldError(past.body.task.value.card.content, 'at')).toBe('Pasirinkite laiką ateityje.');
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.nextCall).toBeNull();

    const saved = await h.post(taskSubmit(h.connector.url, people.ona, { ...data, atDate: '2027-03-01', atTime: '14:00', plan: 'Aptarti laisvas vietas' }));
    expect(saved.body.task).toEqual({ type: 'message', value: `${inquiry.registryNumber}: skambutis suplanuotas šiandien 14:00. Priminsiu prieš 10 min.` });
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.nextCall).toEqual({ at: local('2027-03-01T14:00:00'), plan: 'Aptarti laisvas vietas', purpose: 'agreed' });

    const job = await noticeJob(h.t.app, inquiry.id, 'call', 'reminder');
    expect(job.next_run_at).toEqual(local('2027-03-01T13:50:00'));
    h.clock.set('2027-03-01T13:50:00+02:00');
    await fireNotice(h.t.app, job);
    const reminder = await dmCard(h, people.ona, `Priminimas: šiandien 14:00 skambutis klientui dėl ${inquiry.registryNumber}.`);
    const text = cardText(reminder);
    expect(text).toContain('Pokalbio planas');
    expect(text).toContain('Aptarti laisvas vietas');
    expect(text).toContain('priskirta · Ona Onaitė'); // the recent history
    expect(cardButtons(reminder)).toEqual(['dialog:log_call', 'inquiry.details']);
    const logCall = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(reminder, 'log_call'), PERSONAL));
    expect(logCall.body.task.value.title).toBe(`Skambučio santrauka · ${inquiry.registryNumber}`);
    expectValidCards([form, reminder, logCall.body.task.value.card.content]);
  });

  it('R29.agreed-time: a call planned by a supervisor is told to the owner; the owner planning it is not told twice', async () => {
    h.clock.set('2027-03-01T10:00:00+02:00');
    const { inquiry } = await onasInquiry();
    await h.post(taskSubmit(h.connector.url, people.manager, { dialog: 'schedule_call', inquiryId: inquiry.id, atDate: '2027-03-02', atTime: '11:00', plan: 'Paskambinti dėl grupės' }));
    // D10: one text for every platform, in the thread and in the owner's DM.
    const told = await dmCard(h, people.ona, `Suderintas skambutis klientui dėl ${inquiry.registryNumber}: rytoj 11:00.`);
    expect(cardButtons(told)).toEqual(['inquiry.details']);
    const { inquiry: own } = await onasInquiry();
    await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'schedule_call', inquiryId: own.id, atDate: '2027-03-02', atTime: '12:00', plan: 'Pačios planas' }));
    await eventually(async () => expect((await h.t.app.queries.get(own.id)).timeline.map((entry) => entry.action)).toContain('call_scheduled'));
    // The outbox delivers in order per inquiry: a later event reaching Teams proves the skipped one was handled.
    await h.t.app.inquiries.recordProgress(own.id, h.staff.ona.id, { note: 'Žyma eilės tvarkai' });
    await dmCard(h, people.ona, `${own.registryNumber}: įrašyta.`);
    expect(dmCards(h, people.ona).some((card) => cardText(card).includes(`Suderintas skambutis klientui dėl ${own.registryNumber}`))).toBe(false);
  });

  it('R31.callback: a miss needs a retry ≥ 30 min later; at that time a retry reminder; a second miss prompts the e-mail draft, sent signed in the client’s language', async () => {
    h.clock.set('2027-03-01T10:00:00+02:00');
    const { inquiry, address } = await onasInquiry('en');
    const missed = { dialog: 'log_call', inquiryId: inquiry.id, outcome: 'no_answer' };

    const noRetry = await h.post(taskSubmit(h.connector.url, people.ona, missed));
    expect(fieldError(noRetry.body.task.value.card.content, 'retryAt')).toBe('Privaloma užpildyti');
    const tooSoon = await h.post(taskSubmit(h.connector.url, people.ona, { ...missed, retryAtDate: '2027-03-01', retryAtTime: '10:20' }));
    expect(fieldError(tooSoon.body.task.value.card.content, 'retryAt')).toBe('Per anksti: skambinti vėl galima ne anksčiau kaip po 30 min.');
    expect((await h.t.app.queries.get(inquiry.id)).timeline.some((entry) => entry.action === 'call_logged')).toBe(false);

    const logged = await h.post(taskSubmit(h.connector.url, people.ona, { ...missed, retryAtDate: '2027-03-01', retryAtTime: '10:30' }));
    expect(logged.body.task).toEqual({ type: 'message', value: `${inquiry.registryNumber}: pakartotinį skambutį priminsiu šiandien 10:30.` });
    expect((await h.t.app.queries.get(inquiry.id)).inquiry).toMatchObject({ missedCalls: 1, nextCall: { at: local('2027-03-01T10:30:00'), purpose: 'retry' } });

    // 30 minutes later the scheduler's job runs: the owner is reminded to call again.
    const job = await noticeJob(h.t.app, inquiry.id, 'call', 'reminder');
    expect(job.next_run_at).toEqual(local('2027-03-01T10:30:00'));
    h.clock.set('2027-03-01T10:30:00+02:00');
    await fireNotice(h.t.app, job);
    const retry = await dmCard(h, people.ona, `Priminimas: šiandien 10:30 skambutis klientui dėl ${inquiry.registryNumber}.`);
    expect(cardText(retry)).toContain('Pakartotinis skambutis: klientas anksčiau neatsiliepė.');
    expect(cardText(retry)).toMatch(/🔒 \n2027-03-01 10:00 · neatsiliepė · 1 bandymas · Ona Onaitė/);
    expect(cardButtons(retry)).toEqual(['dialog:log_call', 'inquiry.details']);

    // The retry is missed too (from the reminder's button): the owner is prompted to e-mail, with a draft.
    const again = await h.post(taskSubmit(h.connector.url, people.ona, { ...dialogButtonData(retry, 'log_call'), outcome: 'busy' }, PERSONAL));
    expect(again.body.task.value).toBe(`${inquiry.registryNumber}: skambučio santrauka išsaugota.`);
    const prompt = await dmCard(h, people.ona, `Klientas dėl ${inquiry.registryNumber} neatsiliepė ir antrą kartą.`);
    expect(cardButtons(prompt)).toEqual(['dialog:reply_email', 'inquiry.details']);
    const opened = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(prompt, 'reply_email'), PERSONAL));
    const form = opened.body.task.value.card.content;
    const draft = inputValue(form, 'text') as string;
    expect(draft).toContain(`we tried to call you about your inquiry ${inquiry.registryNumber}`);

    const sent = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'reply_email', inquiryId: inquiry.id, text: draft }, PERSONAL));
    expect(sent.body.task).toEqual({ type: 'message', value: `${inquiry.registryNumber}: laiškas klientui išsiųstas.` });
    const mail = await eventually(() => {
      const found = h.smtp.to(address).find((received) => received.parsed.text?.includes('we tried to call you'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.parsed.subject).toContain(`[${inquiry.registryNumber}]`);
    expect(mail.parsed.text).toMatch(/-- \nAuklėtoja\nOna Onaitė\nPhone \+37060000002/);
    expectValidCards([retry, prompt, form]);
  });

  it('R31.callback: a client without e-mail is offered a letter or another call instead', async () => {
    h.clock.set('2027-03-01T10:00:00+02:00');
    sequence += 1;
    const { inquiry } = await h.t.app.inquiries.register({
      ...emailedRequest({ channel: 'phone', externalId: null, client: { name: 'Tomas Tomaitis', email: null, phone: '+37060022222', language: 'lt' } }),
      registeredById: h.staff.ona.id,
    });
    await h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id);
    await h.t.app.calls.logCall(inquiry.id, h.staff.ona.id, { outcome: 'no_answer', retryAt: local('2027-03-01T11:00:00') });
    await h.t.app.calls.logCall(inquiry.id, h.staff.ona.id, { outcome: 'no_answer' });
    const prompt = await dmCard(h, people.ona, `Klientas dėl ${inquiry.registryNumber} neatsiliepė ir antrą kartą, o el. pašto adreso nepaliko.`);
    expect(cardButtons(prompt)).toEqual(['dialog:write_letter', 'dialog:schedule_call', 'inquiry.details']);
    expectValidCards([prompt]);
  });
});

describe('Teams: commands for the workflows', () => {
  it('R29.agreed-time / R45.meetings / R24.other-institution / R19.status / R55.same-channel: schedule, meeting, step, progress and letter open their dialogs; help lists them', async () => {
    const { inquiry } = await onasInquiry();
    const launched: Record<string, string> = { schedule: 'schedule_call', meeting: 'plan_meeting', step: 'external_step', progress: 'record_progress', letter: 'write_letter' };
    for (const [word, dialog] of Object.entries(launched)) {
      const before = h.connector.replies(personalChat(people.ona)).length;
      await h.post(message(h.connector.url, people.ona, `${word} ${inquiry.registryNumber}`, PERSONAL));
      const card = await eventually(() => {
        const replies = h.connector.replies(personalChat(people.ona));
        expect(replies.length).toBe(before + 1);
        return cardsIn(replies.at(-1)!.body)[0];
      });
      expect(cardButtons(card)).toEqual([`dialog:${dialog}`]);
      expect(dialogButtonData(card, dialog)).toEqual({ dialog, inquiryId: inquiry.id });
      expect(cardText(card)).toContain(inquiry.registryNumber);
      const opened = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(card, dialog), PERSONAL));
      expect(opened.body.task.type).toBe('continue');
    }
    const before = h.connector.replies(personalChat(people.ona)).length;
    await h.post(message(h.connector.url, people.ona, 'help', PERSONAL));
    const help = await eventually(() => {
      const replies = h.connector.replies(personalChat(people.ona));
      expect(replies.length).toBe(before + 1);
      return cardText(cardsIn(replies.at(-1)!.body)[0]);
    });
    for (const word of Object.keys(launched)) expect(help).toContain(`**@Langelis ${word} 2026-000123**`);
  });

  it('every card the bot sent in this file is valid Adaptive Card 1.5', () => {
    expectValidCards(allSentCards(h.connector));
  });
});
