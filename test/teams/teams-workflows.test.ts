import { SECONDARY_ACTIONS } from '../../src/bot/core/inquiry-card.js';
import { emailedRequest } from '../support/app.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';
import { cardAction, message, taskFetch, taskSubmit } from './support/activities.js';
import { cardActions, cardButtons, cardsIn, cardText, dialogButtonData, fieldError, inputValue, verbButtonData } from './support/cards.js';
import { fireNotice, noticeJob } from './support/jobs.js';
import { allSentCards, eventually, expectValidCards, people, startTeamsWithMail, type TeamsHarness, PERSONAL, personalChat, dmCard, dmCards, announcementOf } from './support/teams-app.js';

let h: TeamsHarness & { smtp: SmtpReceiver };
let sequence = 0;

beforeAll(async () => {
  h = await startTeamsWithMail();
});
afterAll(() => h.stop());
beforeEach(() => h.clock.set('2027-03-01T10:00:00+02:00'));


/** A client's inquiry (e-mailed unless told otherwise), announced and claimed by Ona. */
async function onasInquiry(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const address = `klientas${sequence}@example.lt`;
  const { inquiry } = await h.t.app.inquiries.register({
    ...emailedRequest({ client: { name: 'Petras Petraitis', email: address, phone: null, language: 'lt' }, subject: `Dėl maitinimo ${sequence}`, ...overrides }),
    registeredById: h.staff.ona.id,
  });
  const messageId = await announcementOf(h, inquiry.id);
  await h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id);
  const announcement = await eventually(() => {
    const card = cardsIn(h.connector.updates(messageId).at(-1)?.body ?? {})[0];
    expect(cardText(card)).toContain('Ona Onaitė');
    return card;
  });
  return { inquiry, address, messageId, announcement };
}

describe('Teams: card actions', () => {
  it('R4.owner: the workflow actions sit in the card’s “…” menu (mode secondary); at most five primary buttons; each opens its dialog or runs its verb', async () => {
    const { inquiry, announcement } = await onasInquiry();
    const actions = cardActions(announcement);
    const secondary = actions.filter((action) => action.mode === 'secondary');
    expect(actions.filter((action) => action.mode !== 'secondary').length).toBeLessThanOrEqual(5);
    const idOf = (action: Record<string, any>) => (action.type === 'Action.Execute' ? String(action.verb).replace('inquiry.', '') : action.data.dialog);
    expect(secondary.map(idOf).sort()).toEqual([...SECONDARY_ACTIONS].sort());
    // No dead buttons: every dialog opens a form for this inquiry.
    for (const dialog of ['schedule_call', 'plan_meeting', 'external_step', 'record_progress', 'write_letter', 'holding_reply']) {
      const opened = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(announcement, dialog)));
      expect(opened.body.task.type).toBe('continue');
      expect(opened.body.task.value.title).toContain(inquiry.registryNumber);
      expectValidCards([opened.body.task.value.card.content]);
    }
    expectValidCards([announcement]);
  });
});

describe('Teams: answering in the client’s channel', () => {
  it('R55.same-channel: a letter complaint answered only by e-mail cannot be resolved (the refusal says why); after “Answer by letter” it can, and then be closed', async () => {
    const { inquiry, address, messageId, announcement } = await onasInquiry({ kind: 'complaint', channel: 'letter', externalId: null });
    const number = inquiry.registryNumber;
    await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'reply_email', inquiryId: inquiry.id, text: 'Atsakome el. paštu.' }));
    await eventually(() => expect(h.smtp.to(address).some((mail) => mail.parsed.text?.includes('Atsakome el. paštu.'))).toBe(true));

    const refused = await h.post(cardAction(h.connector.url, people.ona, 'inquiry.resolve', verbButtonData(announcement, 'inquiry.resolve')));
    expect(refused.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: `Skundas ${number} turi būti atsakytas tuo pačiu būdu, kuriuo gautas: raštu, popieriniu laišku. Pirmiausia atsakykite taip, tada uždarykite.`,
    });
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.status).toBe('in_progress');

    // "Answer by letter": the dialog ends on the link to the printable, signed letter; the author also gets it in a 1:1 chat.
    const form = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(announcement, 'write_letter')));
    expect(form.body.task.value.title).toBe(`Atsakymas raštu · ${number}`);
    const empty = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'write_letter', inquiryId: inquiry.id, text: ' ' }));
    expect(fieldError(empty.body.task.value.card.content, 'text')).toBe('Privaloma užpildyti');
    const issued = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'write_letter', inquiryId: inquiry.id, text: 'Gerb. Petrai, atsakome raštu.' }));
    // D17 / D26: the dialog closes, as Slack's modal does; the DM is the confirmation and carries the link, once.
    expect(issued.body).toBeUndefined();
    const [letter] = (await h.t.app.queries.get(inquiry.id)).letters;
    const issuedNotice = await dmCard(h, people.ona, `${number}: raštas paruoštas`);
    const link = cardActions(issuedNotice).find((action) => action.type === 'Action.OpenUrl')!;
    // R55.same-channel: the link is signed for its author and expires; it opens the letter as it is.
    expect(link.url).toMatch(new RegExp(`/letters\\?id=${letter!.id}&staff=${h.staff.ona.id}&expires=\\d+&sig=[\\w-]+$`));
    const page = await fetch(`${h.t.app.url}/letters${new URL(link.url!).search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Gerb. Petrai, atsakome raštu.');
    expect(cardActions(issuedNotice).map((action) => [action.type, action.url])).toEqual([['Action.OpenUrl', link.url], ['Action.Execute', undefined]]);

    // Now resolve from the details view: the card is refreshed in place and offers Close, which closes it.
    const resolved = await h.post(cardAction(h.connector.url, people.ona, 'inquiry.resolve', { inquiryId: inquiry.id, view: 'details' }));
    expect(resolved.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(resolved.body.value)).toContain('Būsena: \nIšspręsta');
    expect(cardButtons(resolved.body.value)).toContain('inquiry.close');
    const closed = await h.post(cardAction(h.connector.url, people.ona, 'inquiry.close', verbButtonData(resolved.body.value, 'inquiry.close')));
    expect(cardText(closed.body.value)).toContain('Būsena: \nUždaryta');
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.status).toBe('closed');
    await eventually(() => expect(cardText(cardsIn(h.connector.updates(messageId).at(-1)!.body)[0])).toContain('Uždaryta'));
    expectValidCards([issuedNotice, resolved.body.value, closed.body.value]);
  });
});

describe('Teams: other institutions and status notes', () => {
  it('R24.other-institution: steps are added (a past due date refused), reminded with Record decision; conflicting decisions propose a joint meeting pre-filled with the institutions', async () => {
    const { inquiry } = await onasInquiry();
    const number = inquiry.registryNumber;
    const step = { dialog: 'external_step', inquiryId: inquiry.id, institution: 'Savivaldybė', what: 'Sprendimas dėl lengvatos' };
    const past = await h.post(taskSubmit(h.connector.url, people.ona, { ...step, dueAtDate: '2027-02-20', dueAtTime: '12:00' }));
    expect(fieldError(past.body.task.value.card.content, 'dueAt')).toBe('Pasirinkite laiką ateityje.');
    const added = await h.post(taskSubmit(h.connector.url, people.ona, { ...step, dueAtDate: '2027-03-05', dueAtTime: '12:00' }));
    expect(added.body.task.value).toMatch(new RegExp(`^${number}: laukiama Savivaldybė iki `));
    // D13: the team sees the step in the card's thread; the owner who added it is not messaged about it.
    const addedNote = await eventually(() => {
      const found = h.connector.replies().map((call) => cardsIn(call.body)[0]).find((card) => cardText(card).includes(`${number}: laukiama Savivaldybė iki`));
      expect(found).toBeDefined();
      return found;
    });
    expect(cardText(addedNote)).toContain('Sprendimas dėl lengvatos');
    expect(dmCards(h, people.ona).some((card) => cardText(card).includes(`${number}: laukiama Savivaldybė iki`))).toBe(false);
    const [added0] = (await h.t.app.queries.get(inquiry.id)).externalSteps;
    const addedCard = { actions: [{ type: 'Action.Submit', title: 'record', data: { msteams: { type: 'task/fetch' }, dialog: 'record_decision', inquiryId: inquiry.id, stepId: added0!.id } }] };
    const health = await h.t.app.externalSteps.add(inquiry.id, h.staff.ona.id, { institution: 'Sveikatos centras', what: 'Išvada', dueAt: new Date('2027-03-04T12:00:00+02:00') });

    // The earliest pending step is watched: its reminder offers Record decision for that step.
    const job = await noticeJob(h.t.app, inquiry.id, 'external_step', 'reminder', health.dueAt);
    h.clock.set(job.next_run_at.toISOString());
    await fireNotice(h.t.app, job);
    const reminder = await dmCard(h, people.ona, `Priminimas: ${number} laukia kitos institucijos sprendimo iki`);
    expect(dialogButtonData(reminder, 'record_decision')).toEqual({ dialog: 'record_decision', inquiryId: inquiry.id, stepId: health.id });

    const first = await h.post(taskSubmit(h.connector.url, people.ona, { ...dialogButtonData(addedCard, 'record_decision'), decision: 'Lengvata suteikta', conflictsWithOthers: 'false' }, PERSONAL));
    // D26: the dialog closes, as Slack's modal does; the notifier's offer below is the confirmation.
    expect(first.body).toBeUndefined();
    const offer = await dmCard(h, people.ona, `${number}: įrašyta. Informuoti klientą jo kanalu (el. paštu)?`);
    expect(cardText(offer)).toContain('Lengvata suteikta');
    expect(cardButtons(offer)).toEqual(['inquiry.inform_client', 'inquiry.details']);

    await h.post(taskSubmit(h.connector.url, people.ona, { ...dialogButtonData(reminder, 'record_decision'), decision: 'Lengvata netaikoma', conflictsWithOthers: 'true' }, PERSONAL));
    const conflict = await dmCard(h, people.ona, `Institucijų sprendimai dėl ${number} prieštarauja vienas kitam (Savivaldybė, Sveikatos centras).`);
    expect(cardButtons(conflict)).toEqual(['dialog:plan_meeting', 'inquiry.details']);
    const meetingForm = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(conflict, 'plan_meeting'), PERSONAL));
    // D15: the domain's draft (the client) and the institutions that decided.
    expect(inputValue(meetingForm.body.task.value.card.content, 'participants')).toBe('Petras Petraitis\nSavivaldybė\nSveikatos centras');
    expect((await h.t.app.queries.get(inquiry.id)).externalSteps.map((entry) => entry.status)).toEqual(['decided', 'decided']);
    const again = await h.post(taskSubmit(h.connector.url, people.ona, { ...dialogButtonData(reminder, 'record_decision'), decision: 'Dar kartą' }, PERSONAL));
    // One error mapping for both platforms: a coded refusal at submit is shown beside the form's first field, as on Slack.
    expect(fieldError(again.body.task.value.card.content, 'decision')).toBe('Šios institucijos sprendimas jau įrašytas.');
    // D25: a decided step's form is refused before it opens, as on Slack.
    const reopened = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(reminder, 'record_decision'), PERSONAL));
    expect(reopened.body.task).toEqual({ type: 'message', value: 'Šios institucijos sprendimas jau įrašytas.' });
    expectValidCards([addedCard, reminder, offer, conflict, meetingForm.body.task.value.card.content]);
  });

  it('R19.status: a recorded result is offered to the client in one click; the card turns into the outcome, the client gets one e-mail; a letter client gets a printable letter', async () => {
    const { inquiry, address } = await onasInquiry();
    const number = inquiry.registryNumber;
    const saved = await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'record_progress', inquiryId: inquiry.id, note: 'Grupė bus sujungta nuo gegužės.', stage: 'intermediate' }));
    // D26: the dialog closes, as Slack's modal does; the notifier's offer is the confirmation.
    expect(saved.body).toBeUndefined();
    const offer = await dmCard(h, people.ona, `${number}: įrašyta. Informuoti klientą jo kanalu (el. paštu)?`);
    const click = cardAction(h.connector.url, people.ona, 'inquiry.inform_client', verbButtonData(offer, 'inquiry.inform_client'), PERSONAL);
    const informed = await h.post(click);
    expect(informed.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(informed.body.value)).toContain(`${number}: klientui siunčiamas el. laiškas jo kalba.`);
    expect(cardButtons(informed.body.value)).toEqual([]);
    const mails = () => h.smtp.to(address).filter((mail) => mail.parsed.text?.includes('Grupė bus sujungta nuo gegužės.'));
    await eventually(() => expect(mails()).toHaveLength(1));
    expect(mails()[0]!.parsed.subject).toContain('Naujienos apie jūsų kreipimąsi');
    const repeated = await h.post(click);
    expect(cardText(repeated.body.value)).toContain(`${number}: klientas apie tai jau informuotas.`);

    const { inquiry: byLetter } = await onasInquiry({ channel: 'letter', externalId: null, client: { name: 'Petras Petraitis', email: null, phone: null, language: 'lt' } });
    await h.t.app.inquiries.recordProgress(byLetter.id, h.staff.ona.id, { note: 'Sprendimas priimtas.', stage: 'decision' });
    const letterOffer = await dmCard(h, people.ona, `${byLetter.registryNumber}: įrašyta. Informuoti klientą jo kanalu (raštu, popieriniu laišku)?`);
    const letter = await h.post(cardAction(h.connector.url, people.ona, 'inquiry.inform_client', verbButtonData(letterOffer, 'inquiry.inform_client'), PERSONAL));
    expect(cardText(letter.body.value)).toContain(`${byLetter.registryNumber}: raštas paruoštas`);
    const [written] = (await h.t.app.queries.get(byLetter.id)).letters;
    expect(written).toMatchObject({ body: 'Sprendimas priimtas.' });
    expect(cardActions(letter.body.value).map((action) => action.type)).toEqual(['Action.OpenUrl']);
    expect(cardActions(letter.body.value)[0]!.url).toMatch(new RegExp(`/letters\\?id=${written!.id}&staff=${h.staff.ona.id}&`));
    await eventually(() => expect(mails()).toHaveLength(1)); // still exactly one e-mail
    expectValidCards([offer, informed.body.value, letterOffer, letter.body.value]);
  });

  it('R19.status: a phone client without e-mail is told orally: the click says to call now, and the call reminder carries the note (not as a retry)', async () => {
    const { inquiry } = await onasInquiry({ channel: 'phone', externalId: null, client: { name: 'Tomas Tomaitis', email: null, phone: '+37060033333', language: 'lt' } });
    const number = inquiry.registryNumber;
    await h.t.app.inquiries.recordProgress(inquiry.id, h.staff.ona.id, { note: 'Vieta bus nuo rugsėjo.' });
    const offer = await dmCard(h, people.ona, `${number}: įrašyta. Informuoti klientą jo kanalu (žodžiu – skambučiu arba susitikime)?`);
    const informed = await h.post(cardAction(h.connector.url, people.ona, 'inquiry.inform_client', verbButtonData(offer, 'inquiry.inform_client'), PERSONAL));
    expect(cardText(informed.body.value)).toContain(`${number}: klientas informuojamas žodžiu – skambinkite dabar.`);
    const job = await noticeJob(h.t.app, inquiry.id, 'call', 'reminder');
    await fireNotice(h.t.app, job);
    const reminder = await dmCard(h, people.ona, `skambutis klientui dėl ${number}.`);
    expect(cardText(reminder)).toContain('Vieta bus nuo rugsėjo.');
    expect(cardText(reminder)).not.toContain('Pakartotinis skambutis');
    expect(cardButtons(reminder)).toEqual(['dialog:log_call', 'inquiry.details']);
  });
});

describe('Teams: the inquiry view', () => {
  it('R12.records / R35.no-internal: Details and `show` tell the whole story — deadlines with state, calls, meetings, steps, letters, the timeline — internal notes marked, parts with their buttons', async () => {
    const { inquiry } = await onasInquiry();
    const number = inquiry.registryNumber;
    const { calls, meetings, externalSteps } = h.t.app;
    await calls.logCall(inquiry.id, h.staff.ona.id, { outcome: 'no_answer', summary: 'Neatsiliepė, vidinė žyma', retryAt: new Date('2027-03-01T11:00:00+02:00') });
    const meeting = await meetings.plan(inquiry.id, h.staff.ona.id, {
      format: 'remote', startsAt: new Date('2027-03-01T12:00:00+02:00'), chairId: h.staff.manager.id, recorderId: h.staff.ona.id, agenda: 'Grupės keitimas',
    });
    const step = await externalSteps.add(inquiry.id, h.staff.ona.id, { institution: 'Savivaldybė', what: 'Leidimas', dueAt: new Date('2027-03-10T12:00:00+02:00') });
    await h.post(taskSubmit(h.connector.url, people.ona, { dialog: 'write_letter', inquiryId: inquiry.id, text: 'Atsakymas raštu' }));
    const [letter] = (await h.t.app.queries.get(inquiry.id)).letters;
    h.clock.set('2027-03-01T13:00:00+02:00');
    await meetings.recordMinutes(meeting.id, h.staff.ona.id, { decisions: 'Vidinis sprendimas' });

    const before = h.connector.replies(personalChat(people.ona)).length;
    await h.post(message(h.connector.url, people.ona, `show ${number}`, PERSONAL));
    const shown = await eventually(() => {
      const replies = h.connector.replies(personalChat(people.ona));
      expect(replies.length).toBe(before + 1);
      return cardsIn(replies.at(-1)!.body)[0];
    });
    const text = cardText(shown);
    for (const title of ['Terminai', 'Skambučiai', 'Susitikimai', 'Kitos institucijos', 'Išsiųsta klientui', 'Eiga']) expect(text).toContain(title);
    expect(text).toMatch(/Pirmas atsakymas: \n2027-03-0\d \d\d:\d\d · \nįvykdyta/); // answered by the letter
    expect(text).toMatch(/Kitos institucijos sprendimas: Savivaldybė: \n2027-03-10 12:00 · \nlaukiama/);
    expect(text).toContain('🔒 Vidinė pastaba – klientui nesiunčiama');
    expect(text).toMatch(/🔒 \n2027-03-01 10:00 · neatsiliepė · 1 bandymas · Ona Onaitė · Neatsiliepė, vidinė žyma/);
    expect(text).toMatch(/🔒 \nPriimti sprendimai: Vidinis sprendimas/);
    expect(text).not.toMatch(/🔒 \n[^\n]*Grupės keitimas/); // the agenda is not an internal note
    const buttons = cardActions(shown);
    expect(dialogButtonData(shown, 'send_summary')).toEqual({ dialog: 'send_summary', inquiryId: inquiry.id, meetingId: meeting.id });
    expect(dialogButtonData(shown, 'record_decision')).toEqual({ dialog: 'record_decision', inquiryId: inquiry.id, stepId: step.id });
    // The client's e-mail is a mailto: link here too (the owner's Details); the letter is the OpenUrl to /letters.
    expect(buttons.find((action) => action.type === 'Action.OpenUrl' && String(action.url).includes('/letters'))!.url).toMatch(new RegExp(`/letters\\?id=${letter!.id}&staff=${h.staff.ona.id}&`));
    const summaryForm = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(shown, 'send_summary'), PERSONAL));
    expect(inputValue(summaryForm.body.task.value.card.content, 'text')).toBe('Vidinis sprendimas');

    // Details from the announcement, for a colleague reading English.
    const details = await h.post(cardAction(h.connector.url, people.jonas, 'inquiry.details', { inquiryId: inquiry.id, view: 'announcement' }));
    const english = cardText(details.body.value);
    // Issue #15 (least privilege): jonas neither owns nor supervises it — no note, call or meeting of the family.
    expect(english).toContain('Only the owner and managers see');
    expect(english).not.toContain('Internal note');
    expect(english).not.toContain('Meetings');
    expect(english).not.toContain('Vidinis sprendimas');
    expectValidCards([shown, details.body.value]);
  });

  it('every card the bot sent in this file is valid Adaptive Card 1.5', () => {
    expectValidCards(allSentCards(h.connector));
  });
});
