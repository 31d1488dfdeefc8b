import { eventually, ManualClock } from '../support/app.js';
import { withSmtp, type SmtpReceiver } from '../support/smtp-receiver.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { blockAction, choice, person, slashCommand, text, ticked, viewSubmission, when } from './support/payloads.js';
import { postCommand, postInteraction } from './support/signed-requests.js';
import { startSlackHarness, type SlackHarness } from './support/slack-harness.js';
import { buttonsOf, claimedInquiry, dm, field, fireNotice, openedView, placeOf, savedText } from './support/workflow-steps.js';

let h: SlackHarness & { smtp: SmtpReceiver };
const MONDAY = '2027-03-01T10:00:00+02:00';
const clock = new ManualClock(new Date(MONDAY));

beforeAll(async () => {
  h = await withSmtp((env) => startSlackHarness({ clock }, env));
});
afterAll(() => h.stop());
beforeEach(() => clock.set(MONDAY));
afterEach(() => expect(blockKitViolations(h.api.calls)).toEqual([]));


/** A meeting planned through the domain, chaired by Vida and recorded by Ona. */
async function plannedMeeting(inquiryId: string, participants = ['Giedrė Žemaitienė']) {
  return h.t.app.meetings.plan(inquiryId, h.staff.ona.id, {
    format: 'in_person',
    startsAt: '2027-03-01T11:00:00+02:00',
    chairId: h.staff.manager.id,
    recorderId: h.staff.ona.id,
    agenda: 'Vieta grupėje',
    participants,
  });
}

const meetingForm = (chair: string | null, recorder: string | null, startsAt = new Date('2027-03-03T13:00:00+02:00')) => ({
  format: choice('remote'),
  startsAt: when(startsAt),
  chairId: person(chair),
  recorderId: person(recorder),
  agenda: text('1. Vieta grupėje\n2. Dokumentai'),
  participants: text('Giedrė Žemaitienė\nPedagoginė psichologinė tarnyba'),
  previousKeyPoints: text('Tėvai pristatys pažymą'),
});

describe('R45.meetings', () => {
  it('R45.meetings: `/inquiry meeting <number>` opens the form pre-filled from the last meeting; unknown people and a chair who records are refused beside the field; the chair and the recorder are told', async () => {
    const { inquiry } = await claimedInquiry(h, h.staff.ona.id);
    const earlier = await plannedMeeting(inquiry.id, ['Giedrė Žemaitienė', 'Pedagoginė psichologinė tarnyba']);
    await h.t.app.meetings.recordMinutes(earlier.id, h.staff.ona.id, { decisions: 'Vieta suteikta', keyPoints: 'Tėvai pristatys pažymą' });

    await postCommand(h.events, slashCommand('UONA00001', `meeting ${inquiry.registryNumber}`, `${h.api.url}/hooks/meeting`));
    const view = await openedView(h, 'plan_meeting', inquiry.id);
    expect(view.title.text).toBe('Susitikimas su klientu');
    expect(view.blocks.map((block: any) => block.block_id)).toEqual(['format', 'startsAt', 'chairId', 'recorderId', 'agenda', 'participants', 'previousKeyPoints']);
    expect(field(view, 'format').element.options.map((option: any) => option.text.text)).toEqual(['Gyvai', 'Nuotoliu', 'Kliento patalpose', 'Telekonferencija']);
    expect(field(view, 'chairId').element).toMatchObject({ type: 'users_select', initial_user: 'UONA00001' });
    expect(field(view, 'recorderId').element.type).toBe('users_select');
    expect(field(view, 'participants').element.initial_value).toBe('Giedrė Žemaitienė\nPedagoginė psichologinė tarnyba');
    expect(field(view, 'previousKeyPoints').element.initial_value).toBe('Tėvai pristatys pažymą');
    const metadata = JSON.parse(view.private_metadata);

    const stranger = await postInteraction(h.events, viewSubmission('UONA00001', 'plan_meeting', meetingForm('USTRANGER', 'UONA00001'), metadata));
    expect(stranger.json).toEqual({ response_action: 'errors', errors: { chairId: 'Šio žmogaus nėra darbuotojų sąraše.' } });
    const same = await postInteraction(h.events, viewSubmission('UONA00001', 'plan_meeting', meetingForm('UONA00001', 'UONA00001'), metadata));
    expect(same.json).toEqual({ response_action: 'errors', errors: { recorderId: 'Protokoluoti turi kitas žmogus nei pirmininkas.' } });
    const past = await postInteraction(h.events, viewSubmission('UONA00001', 'plan_meeting', meetingForm('UMANAGER1', 'UONA00001', new Date('2027-02-26T10:00:00+02:00')), metadata));
    expect(past.json).toEqual({ response_action: 'errors', errors: { startsAt: 'Pasirinkite laiką ateityje.' } });
    expect((await h.t.app.queries.get(inquiry.id)).meetings).toHaveLength(1);

    const planned = await postInteraction(h.events, viewSubmission('UONA00001', 'plan_meeting', meetingForm('UMANAGER1', 'UONA00001'), metadata));
    expect(savedText(planned)).toBe(`${inquiry.registryNumber}: susitikimas suplanuotas 2027-03-03 13:00.`);
    const meeting = (await h.t.app.queries.get(inquiry.id)).meetings.at(-1)!;
    expect(meeting).toMatchObject({
      format: 'remote',
      chairId: h.staff.manager.id,
      recorderId: h.staff.ona.id,
      participants: ['Giedrė Žemaitienė', 'Pedagoginė psichologinė tarnyba'],
      previousKeyPoints: 'Tėvai pristatys pažymą',
      status: 'planned',
    });
    const told = `Susitikimas dėl ${inquiry.registryNumber} 2027-03-03 13:00: pirmininkas Vida Vadovė, protokoluoja Ona Onaitė.`;
    for (const channel of ['DMANAGER1', 'DONA00001']) {
      const notice = await dm(h, channel, told);
      expect(buttonsOf(notice)).toEqual([['record_minutes', `${inquiry.id}:${meeting.id}`], ['details', inquiry.id]]);
      expect(JSON.stringify(notice.blocks)).toContain('Nuotoliu');
    }
    expect(h.api.ok('chat.postMessage', (body) => body.channel === 'UONA00001')).toHaveLength(0); // confirmed in the form, no DM
  });
});

describe('R48.meeting-summary-2wd', () => {
  it('R48.meeting-summary-2wd: minutes from the DM start 2 working days; the recorder is reminded on the second, the chair hears when late; the summary reaches the client in their language', async () => {
    const { inquiry, address, ts } = await claimedInquiry(h, h.staff.ona.id, {}, { language: 'en' });
    const meeting = await plannedMeeting(inquiry.id);
    const planned = await dm(h, 'DONA00001', `Susitikimas dėl ${inquiry.registryNumber} šiandien 11:00: pirmininkas Vida Vadovė, protokoluoja Ona Onaitė.`);

    await postInteraction(h.events, blockAction('UONA00001', 'record_minutes', `${inquiry.id}:${meeting.id}`, placeOf(h, planned)));
    const minutes = await openedView(h, 'record_minutes', meeting.id);
    expect(minutes.blocks.map((block: any) => block.block_id)).toEqual(['decisions', 'keyPoints']);
    const empty = await postInteraction(h.events, viewSubmission('UONA00001', 'record_minutes', { decisions: text(null), keyPoints: text(null) }, JSON.parse(minutes.private_metadata)));
    expect(empty.json).toEqual({ response_action: 'errors', errors: { decisions: 'Privaloma užpildyti' } });
    const recorded = await postInteraction(h.events, viewSubmission('UONA00001', 'record_minutes', {
      decisions: text('A place in the “Butterflies” group from September'),
      keyPoints: text('Documents by Friday'),
    }, JSON.parse(minutes.private_metadata)));
    // Held on Monday 10:00 → the summary is due two working days later, Wednesday 10:00.
    expect(savedText(recorded)).toBe(`${inquiry.registryNumber}: sprendimai įrašyti; santrauką klientui išsiųskite iki 2027-03-03 10:00.`);
    const held = await dm(h, 'DONA00001', `Susitikimas dėl ${inquiry.registryNumber} įvyko. Santrauką klientui išsiųskite iki 2027-03-03 10:00.`);
    expect(buttonsOf(held)).toEqual([['send_summary', `${inquiry.id}:${meeting.id}`], ['details', inquiry.id]]);

    const due = new Date('2027-03-03T10:00:00+02:00');
    clock.set('2027-03-03T08:00:00+02:00'); // the second working day, two office hours before
    await fireNotice(h, inquiry.id, 'meeting_summary', 'reminder', due);
    const reminder = await dm(h, 'DONA00001', `Priminimas: susitikimo dėl ${inquiry.registryNumber} santrauka klientui turi būti išsiųsta iki šiandien 10:00.`);
    expect(buttonsOf(reminder)).toEqual([['send_summary', `${inquiry.id}:${meeting.id}`], ['details', inquiry.id]]);
    expect(h.api.ok('chat.postMessage', (body) => body.channel === 'DMANAGER1' && String(body.text).startsWith('Priminimas: susitikimo'))).toEqual([]);

    clock.set('2027-03-03T10:00:00+02:00');
    await fireNotice(h, inquiry.id, 'meeting_summary', 'overdue', due);
    const late = await dm(h, 'DMANAGER1', `Vėluojama: susitikimo dėl ${inquiry.registryNumber} santrauka klientui turėjo būti išsiųsta iki šiandien 10:00.`);
    expect(buttonsOf(late)[0]).toEqual(['send_summary', `${inquiry.id}:${meeting.id}`]);

    await postInteraction(h.events, blockAction('UONA00001', 'send_summary', `${inquiry.id}:${meeting.id}`, placeOf(h, reminder)));
    const summary = await openedView(h, 'send_summary', meeting.id);
    expect(summary.blocks[0].element.initial_value).toBe('A place in the “Butterflies” group from September');
    const sent = await postInteraction(h.events, viewSubmission('UONA00001', 'send_summary', {
      text: text('A place in the “Butterflies” group from September. Please bring the documents by Friday.'),
    }, JSON.parse(summary.private_metadata)));
    expect(savedText(sent)).toContain(inquiry.registryNumber);
    const [mail] = await eventually(() => {
      const found = h.smtp.to(address);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(mail!.parsed.subject).toContain(`Summary of our meeting: ${inquiry.subject}`);
    expect(mail!.parsed.text).toContain('Please bring the documents by Friday.');
    expect(mail!.parsed.text).toMatch(/Auklėtoja\nOna Onaitė\nPhone \+37060000002/);
    expect((await h.t.app.meetings.get(meeting.id)).status).toBe('summary_sent');
    await eventually(() => expect(h.api.ok('chat.postMessage', (body) => body.thread_ts === ts && body.text === `Susitikimo dėl ${inquiry.registryNumber} santrauka išsiųsta klientui.`)).toHaveLength(1));

    // The summary is sent: its button, clicked again from the old reminder, says so instead of opening a form.
    await postInteraction(h.events, blockAction('UONA00001', 'send_summary', `${inquiry.id}:${meeting.id}`, placeOf(h, reminder)));
    await eventually(() => expect(h.api.ok('chat.postEphemeral', (body) => body.channel === 'DONA00001' && body.text === 'Šis susitikimo žingsnis jau atliktas.')).toHaveLength(1));
  });
});

describe('R24.other-institution', () => {
  it('R24.other-institution: `/inquiry step` records who decides, what and by when; its reminder offers Record decision; a conflicting decision offers the client update and a joint meeting with the institutions', async () => {
    const { inquiry, ts } = await claimedInquiry(h, h.staff.ona.id);
    await postCommand(h.events, slashCommand('UONA00001', `step ${inquiry.registryNumber}`, `${h.api.url}/hooks/step`));
    const form = await openedView(h, 'external_step', inquiry.id);
    expect(form.blocks.map((block: any) => block.block_id)).toEqual(['institution', 'what', 'dueAt']);
    const dueAt = new Date('2027-03-05T12:00:00+02:00');
    const waiting = await postInteraction(h.events, viewSubmission('UONA00001', 'external_step', {
      institution: text('Kauno savivaldybė'), what: text('Sprendimas dėl lengvatos'), dueAt: when(dueAt),
    }, JSON.parse(form.private_metadata)));
    expect(savedText(waiting)).toBe(`${inquiry.registryNumber}: laukiama Kauno savivaldybė iki 2027-03-05 12:00.`);
    await eventually(() => expect(h.api.ok('chat.postMessage', (body) => body.thread_ts === ts && String(body.text).includes('Kauno savivaldybė'))).toHaveLength(1));
    const step = (await h.t.app.queries.get(inquiry.id)).externalSteps[0]!;
    expect(step).toMatchObject({ institution: 'Kauno savivaldybė', what: 'Sprendimas dėl lengvatos', dueAt, status: 'pending' });

    // Another institution has decided already.
    const other = await h.t.app.externalSteps.add(inquiry.id, h.staff.ona.id, { institution: 'Pedagoginė psichologinė tarnyba', what: 'Išvada', dueAt: '2027-03-04T12:00:00+02:00' });
    await h.t.app.externalSteps.recordDecision(other.id, h.staff.ona.id, { decision: 'Reikia specialiojo pedagogo' });

    clock.set('2027-03-05T10:00:00+02:00');
    await fireNotice(h, inquiry.id, 'external_step', 'reminder', dueAt);
    const reminder = await dm(h, 'DONA00001', `Priminimas: ${inquiry.registryNumber} laukia kitos institucijos sprendimo iki šiandien 12:00.`);
    expect(buttonsOf(reminder)).toEqual([['record_decision', `${inquiry.id}:${step.id}`], ['details', inquiry.id]]);

    await postInteraction(h.events, blockAction('UONA00001', 'record_decision', `${inquiry.id}:${step.id}`, placeOf(h, reminder)));
    const decision = await openedView(h, 'record_decision', step.id);
    expect(JSON.stringify(decision.blocks[0])).toContain('Kauno savivaldybė');
    await postInteraction(h.events, viewSubmission('UONA00001', 'record_decision', {
      decision: text('Lengvata nesuteikiama'), conflictsWithOthers: ticked(true),
    }, JSON.parse(decision.private_metadata)));

    // R19.status: the decision may be passed on to the client; the owner is offered a joint meeting.
    const offer = await dm(h, 'DONA00001', `${inquiry.registryNumber}: įrašyta. Informuoti klientą jo kanalu (el. paštu)?`, 'Lengvata nesuteikiama');
    const noted = (await h.t.app.queries.get(inquiry.id)).timeline.find((entry) => entry.action === 'external_decision_recorded' && entry.details.stepId === step.id)!;
    expect(buttonsOf(offer)).toEqual([['inform_client', `${inquiry.id}:${noted.details.noteId}`], ['details', inquiry.id]]);
    expect(JSON.stringify(offer.blocks)).toContain('Kauno savivaldybė');
    const conflict = await dm(h, 'DONA00001', `Institucijų sprendimai dėl ${inquiry.registryNumber} prieštarauja vienas kitam (Kauno savivaldybė, Pedagoginė psichologinė tarnyba). Siūlome surengti bendrą susitikimą.`);
    expect(buttonsOf(conflict)).toEqual([['plan_joint_meeting', inquiry.id], ['details', inquiry.id]]);

    await postInteraction(h.events, blockAction('UONA00001', 'plan_joint_meeting', inquiry.id, placeOf(h, conflict)));
    const meeting = await openedView(h, 'plan_meeting', inquiry.id);
    expect(field(meeting, 'participants').element.initial_value).toBe('Giedrė Žemaitienė\nKauno savivaldybė\nPedagoginė psichologinė tarnyba');
  });
});
