import { DateTime } from 'luxon';
import { emailedRequest } from '../support/app.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';
import { message, taskFetch, taskSubmit, TEAM_ID } from './support/activities.js';
import { cardButtons, cardsIn, cardText, dialogButtonData, fieldError, inputValue } from './support/cards.js';
import { fireNotice, noticeJob } from './support/jobs.js';
import { allSentCards, eventually, expectValidCards, people, startTeamsWithMail, type TeamsHarness, PERSONAL, personalChat, dmCards, dmCard } from './support/teams-app.js';

let h: TeamsHarness & { smtp: SmtpReceiver };

beforeAll(async () => {
  h = await startTeamsWithMail();
});
afterAll(() => h.stop());

const localDate = (at: Date) => DateTime.fromJSDate(at, { zone: 'Europe/Vilnius' }).toISODate();

describe('Teams: meetings', () => {
  it('R45.meetings / R48.meeting-summary-2wd: planned from `meeting`, minuted, reminded to the recorder on the 2nd working day, overdue to the chair, summary e-mailed in the client’s language', async () => {
    h.clock.set('2027-03-01T10:00:00+02:00'); // a Monday
    const address = 'jane.meeting@example.com';
    const { inquiry } = await h.t.app.inquiries.register(
      emailedRequest({ client: { name: 'Jane Smith', email: address, phone: null, language: 'en' }, subject: 'About the menu' }),
    );
    await h.t.app.inquiries.claim(inquiry.id, h.staff.ona.id);
    const number = inquiry.registryNumber;

    // `meeting <number>` in the 1:1 chat: a card whose button opens the meeting dialog.
    await h.post(message(h.connector.url, people.ona, `meeting ${number}`, PERSONAL));
    const launcher = await eventually(() => {
      const card = cardsIn(h.connector.replies(personalChat(people.ona)).at(-1)?.body ?? {})[0];
      expect(cardButtons(card)).toEqual(['dialog:plan_meeting']);
      return card;
    });
    const fetched = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(launcher, 'plan_meeting'), PERSONAL));
    const form = fetched.body.task.value.card.content;
    expect(inputValue(form, 'participants')).toBe('Jane Smith'); // the domain's draft: the client
    expect(inputValue(form, 'chairId')).toBe(h.staff.ona.id);
    const chairChoices = JSON.stringify(form).match(/"title":"[^"]+","value":"[0-9a-f-]{36}"/g) ?? [];
    expect(chairChoices.length).toBe(2 * 6); // every active staff member, for chair and for recorder
    expect(cardText(form)).toContain('Kliento patalpose');

    const plan = { dialog: 'plan_meeting', inquiryId: inquiry.id, format: 'in_person', agenda: 'Valgiaraštis', participants: 'Jane Smith\nMaisto tiekėjas', previousKeyPoints: '' };
    const same = await h.post(taskSubmit(h.connector.url, people.ona, { ...plan, startsAtDate: '2027-03-01', startsAtTime: '15:00', chairId: h.staff.ona.id, recorderId: h.staff.ona.id }, PERSONAL));
    expect(fieldError(same.body.task.value.card.content, 'recorderId')).toBe('Protokoluoti turi kitas žmogus nei pirmininkas.');
    const past = await h.post(taskSubmit(h.connector.url, people.ona, { ...plan, startsAtDate: '2027-02-26', startsAtTime: '15:00', chairId: h.staff.manager.id, recorderId: h.staff.ona.id }, PERSONAL));
    expect(fieldError(past.body.task.value.card.content, 'startsAt')).toBe('Pasirinkite laiką ateityje.');
    const planned = await h.post(taskSubmit(h.connector.url, people.ona, { ...plan, startsAtDate: '2027-03-01', startsAtTime: '15:00', chairId: h.staff.manager.id, recorderId: h.staff.ona.id }, PERSONAL));
    expect(planned.body.task).toEqual({ type: 'message', value: `${number}: susitikimas suplanuotas šiandien 15:00.` });
    const [meeting] = (await h.t.app.queries.get(inquiry.id)).meetings;
    expect(meeting).toMatchObject({ format: 'in_person', chairId: h.staff.manager.id, recorderId: h.staff.ona.id, participants: ['Jane Smith', 'Maisto tiekėjas'], status: 'planned' });

    // Chair and recorder are told; the recorder records the decisions from that card after the meeting.
    const told = `Susitikimas dėl ${number} šiandien 15:00: pirmininkas Vida Vadovė, protokoluoja Ona Onaitė.`;
    await dmCard(h, people.manager, told);
    const plannedCard = await dmCard(h, people.ona, told);
    expect(cardButtons(plannedCard)).toEqual(['dialog:record_minutes', 'inquiry.details']);
    h.clock.set('2027-03-01T16:00:00+02:00');
    const minutesForm = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(plannedCard, 'record_minutes'), PERSONAL));
    expect(minutesForm.body.task.value.title).toContain('Susitikimo sprendimai');
    const minutes = await h.post(taskSubmit(h.connector.url, people.ona, { ...dialogButtonData(plannedCard, 'record_minutes'), decisions: 'Meniu keičiamas nuo balandžio.', keyPoints: 'Patikrinti alergenus' }, PERSONAL));
    expect(minutes.body.task.value).toMatch(new RegExp(`^${number}: sprendimai įrašyti; santrauką klientui išsiųskite iki `));
    const held = (await h.t.app.queries.get(inquiry.id)).meetings[0]!;
    expect(held.status).toBe('held');
    const heldCard = await dmCard(h, people.ona, `Susitikimas dėl ${number} įvyko.`);
    expect(cardButtons(heldCard)).toEqual(['dialog:send_summary', 'inquiry.details']);

    // R48: due two working days later; the reminder comes on that (second working) day, to the recorder.
    const reminderJob = await noticeJob(h.t.app, inquiry.id, 'meeting_summary', 'reminder');
    expect(localDate(held.summaryDue!)).toBe('2027-03-03');
    expect(localDate(reminderJob.next_run_at)).toBe('2027-03-03');
    h.clock.set(reminderJob.next_run_at.toISOString());
    await fireNotice(h.t.app, reminderJob);
    const reminder = await dmCard(h, people.ona, `Priminimas: susitikimo dėl ${number} santrauka klientui turi būti išsiųsta iki`);
    expect(cardButtons(reminder)).toEqual(['dialog:send_summary', 'inquiry.details']);
    expect(dialogButtonData(reminder, 'send_summary')).toEqual({ dialog: 'send_summary', inquiryId: inquiry.id, meetingId: held.id });
    expect(dmCards(h, people.manager).some((card) => cardText(card).includes(`Priminimas: susitikimo dėl ${number}`))).toBe(false);

    // Overdue goes to the chair (and the announcement's thread), not the recorder.
    const overdueJob = await noticeJob(h.t.app, inquiry.id, 'meeting_summary', 'overdue');
    expect(overdueJob.next_run_at).toEqual(held.summaryDue);
    h.clock.set(held.summaryDue!.toISOString());
    await fireNotice(h.t.app, overdueJob);
    const overdue = await dmCard(h, people.manager, `Vėluojama: susitikimo dėl ${number} santrauka klientui turėjo būti išsiųsta iki`);
    expect(cardButtons(overdue)).toEqual(['dialog:send_summary', 'inquiry.details']);
    await eventually(() => expect(h.connector.replies(TEAM_ID).some((call) => cardText(cardsIn(call.body)[0]).includes(`Vėluojama: susitikimo dėl ${number}`))).toBe(true));
    expect(dmCards(h, people.ona).some((card) => cardText(card).includes(`Vėluojama: susitikimo dėl ${number}`))).toBe(false);

    // The summary starts from the decisions and reaches the client in English, signed.
    const summaryForm = await h.post(taskFetch(h.connector.url, people.ona, dialogButtonData(reminder, 'send_summary'), PERSONAL));
    expect(inputValue(summaryForm.body.task.value.card.content, 'text')).toBe('Meniu keičiamas nuo balandžio.');
    const summary = 'From April the menu changes; allergens will be checked.';
    const sent = await h.post(taskSubmit(h.connector.url, people.ona, { ...dialogButtonData(reminder, 'send_summary'), text: summary }, PERSONAL));
    expect(sent.body.task).toEqual({ type: 'message', value: `${number}: santrauka klientui siunčiama.` });
    const mail = await eventually(() => {
      const found = h.smtp.to(address).find((received) => received.parsed.text?.includes(summary));
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.parsed.subject).toContain('Summary of our meeting');
    expect(mail.parsed.text).toContain('Dear Jane Smith,');
    expect(mail.parsed.text).toMatch(/Auklėtoja\nOna Onaitė\nPhone \+37060000002/);
    expect((await h.t.app.queries.get(inquiry.id)).meetings[0]!.status).toBe('summary_sent');
    // The chair hears it went (the recorder sent it and was answered by the dialog).
    await dmCard(h, people.manager, `Susitikimo dėl ${number} santrauka išsiųsta klientui.`);

    // The next meeting starts from this one's key points.
    const next = await h.post(taskFetch(h.connector.url, people.ona, { dialog: 'plan_meeting', inquiryId: inquiry.id }, PERSONAL));
    expect(inputValue(next.body.task.value.card.content, 'previousKeyPoints')).toBe('Patikrinti alergenus');
    expectValidCards([form, same.body.task.value.card.content, plannedCard, heldCard, reminder, overdue, summaryForm.body.task.value.card.content]);
  });

  it('R48.meeting-summary-2wd: a summary is refused under its text when the sender cannot sign it, keeping the text', async () => {
    h.clock.set('2027-03-01T10:00:00+02:00');
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest({ client: { name: 'Jane Smith', email: 'jane.two@example.com', phone: null, language: 'en' } }));
    await h.t.app.inquiries.claim(inquiry.id, h.staff.jonas.id);
    const meeting = await h.t.app.meetings.plan(inquiry.id, h.staff.jonas.id, {
      format: 'remote', startsAt: new Date('2027-03-01T12:00:00+02:00'), chairId: h.staff.jonas.id, recorderId: h.staff.rasa.id, agenda: 'Darbotvarkė',
    });
    h.clock.set('2027-03-01T13:00:00+02:00');
    await h.t.app.meetings.recordMinutes(meeting.id, h.staff.rasa.id, { decisions: 'Sprendimas' });
    // Jonas has neither position nor phone: the form does not even open.
    const fetched = await h.post(taskFetch(h.connector.url, people.jonas, { dialog: 'send_summary', inquiryId: inquiry.id, meetingId: meeting.id }, PERSONAL));
    expect(fetched.body.task.type).toBe('message');
    expect(fetched.body.task.value).toContain('position, phone');
    const submitted = await h.post(taskSubmit(h.connector.url, people.jonas, { dialog: 'send_summary', inquiryId: inquiry.id, meetingId: meeting.id, text: 'Santrauka' }, PERSONAL));
    expect(fieldError(submitted.body.task.value.card.content, 'text')).toContain('position, phone');
    expect(inputValue(submitted.body.task.value.card.content, 'text')).toBe('Santrauka');
    expect((await h.t.app.queries.get(inquiry.id)).meetings[0]!.status).toBe('held');
  });

  it('every card the bot sent in this file is valid Adaptive Card 1.5', () => {
    expectValidCards(allSentCards(h.connector));
  });
});
