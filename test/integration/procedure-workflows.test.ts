import { buildInquiryStory, letterUrl, storyPeople } from '../../src/bot/core/inquiry-story.js';
import { DomainError } from '../../src/domain/errors.js';
import type { InquiryEvent } from '../../src/domain/events.js';
import { emailedRequest, eventually, ManualClock, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { fireAt, noticeJobsOf } from '../support/jobs.js';
import { mailEnvironment, SmtpReceiver } from '../support/smtp-receiver.js';

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
const smtp = new SmtpReceiver();
const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
const recorder = new RecordingNotifier();
let sequence = 0;

beforeAll(async () => {
  await smtp.start();
  t = await startTestApp({ clock, notifiers: [recorder] }, undefined, mailEnvironment(smtp));
  staff = await seedStaff(t.app);
});
afterAll(async () => {
  await t.stop();
  await smtp.stop();
});
beforeEach(() => clock.set('2027-03-01T10:00:00+02:00'));

/** A registered inquiry claimed by Ona, from a client address of its own. */
async function claimed(overrides: Record<string, unknown> = {}, language = 'lt') {
  sequence += 1;
  const address = `tevai${sequence}@example.lt`;
  const { inquiry } = await t.app.inquiries.register(
    emailedRequest({ client: { name: 'Giedrė Žemaitienė', email: address, phone: null, language }, ...overrides }),
  );
  await t.app.inquiries.claim(inquiry.id, staff.ona.id);
  return { inquiry, address };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

function eventsOf(inquiryId: string, type: InquiryEvent['type']): InquiryEvent[] {
  return recorder.events.filter((event) => event.inquiryId === inquiryId && event.type === type);
}

async function jobs(inquiryId: string, deadline: string) {
  return (await noticeJobsOf(t.app, inquiryId)).filter((job) => job.data.deadline === deadline).map((job) => [job.data.stage, job.next_run_at.toISOString()]);
}

const at = (iso: string) => new Date(iso).toISOString();

describe('calls', () => {
  it('R29.agreed-time: a call agreed for 14:00 reminds the owner at 13:50 with the plan, and logging the call ends the reminder', async () => {
    const { inquiry } = await claimed();
    expect((await failure(t.app.calls.scheduleCall(inquiry.id, staff.ona.id, { at: '2027-03-01T09:00:00+02:00', plan: 'x' }))).details.fields).toEqual([
      expect.objectContaining({ path: 'at' }),
    ]);
    const planned = await t.app.calls.scheduleCall(inquiry.id, staff.ona.id, { at: '2027-03-01T14:00:00+02:00', plan: 'Aptarti vietą grupėje' });
    expect(planned.nextCall).toEqual({ at: new Date('2027-03-01T14:00:00+02:00'), plan: 'Aptarti vietą grupėje', purpose: 'agreed' });
    // Only the reminder: a call is not "overdue" at its own time.
    await eventually(async () => expect(await jobs(inquiry.id, 'call')).toEqual([['reminder', at('2027-03-01T13:50:00+02:00')]]));

    clock.set('2027-03-01T13:50:00+02:00');
    await fireAt(t.app, inquiry.id, 'call', 'reminder');
    const [reminder] = await eventually(() => {
      const found = eventsOf(inquiry.id, 'reminder_due');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(reminder).toMatchObject({ deadline: 'call', recipientId: staff.ona.id, dueAt: at('2027-03-01T14:00:00+02:00') });

    clock.set('2027-03-01T14:05:00+02:00');
    await t.app.calls.logCall(inquiry.id, staff.ona.id, { outcome: 'reached', summary: 'Sutarta', clientExpectation: 'Vieta' });
    await eventually(async () => expect(await jobs(inquiry.id, 'call')).toEqual([]));
  });

  it('R31.callback: a missed call needs a retry no sooner than 30 minutes, reminds then, and a missed retry prompts an e-mail draft in the client’s language', async () => {
    const { inquiry } = await claimed({}, 'en');
    expect((await failure(t.app.calls.logCall(inquiry.id, staff.ona.id, { outcome: 'no_answer' }))).details.fields).toEqual([
      { path: 'retryAt', message: 'required' },
    ]);
    const tooSoon = await failure(t.app.calls.logCall(inquiry.id, staff.ona.id, { outcome: 'no_answer', retryAt: '2027-03-01T10:29:00+02:00' }));
    expect(tooSoon.details.fields).toEqual([expect.objectContaining({ path: 'retryAt' })]);

    const missed = await t.app.calls.logCall(inquiry.id, staff.ona.id, { outcome: 'no_answer', retryAt: '2027-03-01T10:30:00+02:00' });
    expect(missed.nextCall).toMatchObject({ purpose: 'retry', at: new Date('2027-03-01T10:30:00+02:00') });
    await eventually(async () => expect(await jobs(inquiry.id, 'call')).toEqual([['reminder', at('2027-03-01T10:30:00+02:00')]]));

    clock.set('2027-03-01T10:30:00+02:00');
    await fireAt(t.app, inquiry.id, 'call', 'reminder');
    await eventually(() => expect(eventsOf(inquiry.id, 'reminder_due')).toEqual([expect.objectContaining({ deadline: 'call', recipientId: staff.ona.id })]));
    expect(eventsOf(inquiry.id, 'callback_failed')).toEqual([]);

    // The retry fails too: no further retry is demanded, the owner is prompted to e-mail instead.
    await t.app.calls.logCall(inquiry.id, staff.ona.id, { outcome: 'busy' });
    await eventually(() => expect(eventsOf(inquiry.id, 'callback_failed')).toEqual([expect.objectContaining({ attempts: 2, ownerId: staff.ona.id })]));
    const attempts = (await t.app.queries.get(inquiry.id)).timeline.filter((entry) => entry.action === 'call_logged').map((entry) => entry.details.attempt);
    expect(attempts).toEqual([1, 2]);
    const draft = await t.app.mail.clientChannel.missedCallDraft(inquiry.id);
    expect(draft.language).toBe('en');
    expect(draft.text).toContain(`we tried to call you about your inquiry ${inquiry.registryNumber}`);
  });
});

describe('meetings', () => {
  it('R45.meetings: a meeting has a distinct chair and recorder, an agenda and participants; the next one starts from the previous key points', async () => {
    const { inquiry } = await claimed();
    const plan = {
      format: 'in_person' as const,
      startsAt: '2027-03-02T13:00:00+02:00',
      chairId: staff.manager.id,
      recorderId: staff.ona.id,
      agenda: 'Vietos grupėje',
      participants: ['Giedrė Žemaitienė', 'Kauno miesto savivaldybė'],
    };
    expect((await failure(t.app.meetings.plan(inquiry.id, staff.ona.id, { ...plan, recorderId: staff.manager.id }))).details.fields).toEqual([
      expect.objectContaining({ path: 'recorderId' }),
    ]);
    expect((await t.app.meetings.draft(inquiry.id)).previousKeyPoints).toBe('');
    const meeting = await t.app.meetings.plan(inquiry.id, staff.ona.id, plan);
    await eventually(() => expect(eventsOf(inquiry.id, 'meeting_planned')).toEqual([
      expect.objectContaining({ meetingId: meeting.id, chairId: staff.manager.id, recorderId: staff.ona.id, format: 'in_person' }),
    ]));

    clock.set('2027-03-02T14:00:00+02:00');
    expect((await failure(t.app.meetings.recordMinutes(meeting.id, staff.jonas.id, { decisions: 'x' }))).code).toBe('INQUIRY.NOT_OWNER');
    await t.app.meetings.recordMinutes(meeting.id, staff.ona.id, { decisions: 'Vieta nuo rugsėjo', keyPoints: 'Laukiame savivaldybės' });
    expect((await failure(t.app.meetings.recordMinutes(meeting.id, staff.ona.id, { decisions: 'again' }))).code).toBe('MEETING.INVALID_TRANSITION');
    const draft = await t.app.meetings.draft(inquiry.id);
    expect(draft).toMatchObject({ previousKeyPoints: 'Laukiame savivaldybės', participants: plan.participants });
  });

  it('R48.meeting-summary-2wd: minutes on Monday make the summary due Wednesday; the recorder is reminded, the chair told when late; sending it closes the obligation', async () => {
    const { inquiry, address } = await claimed();
    const meeting = await t.app.meetings.plan(inquiry.id, staff.ona.id, {
      format: 'remote', startsAt: '2027-03-01T10:30:00+02:00', chairId: staff.manager.id, recorderId: staff.ona.id, agenda: 'Maitinimas',
    });
    clock.set('2027-03-01T11:00:00+02:00');
    const held = await t.app.meetings.recordMinutes(meeting.id, staff.ona.id, { decisions: 'Meniu bus pakeistas' });
    expect(held.summaryDue).toEqual(new Date('2027-03-03T11:00:00+02:00'));
    await eventually(async () => expect(await jobs(inquiry.id, 'meeting_summary')).toEqual([
      ['overdue', at('2027-03-03T11:00:00+02:00')],
      ['reminder', at('2027-03-03T09:00:00+02:00')],
    ]));

    clock.set('2027-03-03T09:00:00+02:00');
    await fireAt(t.app, inquiry.id, 'meeting_summary', 'reminder');
    await eventually(() => expect(eventsOf(inquiry.id, 'reminder_due')).toEqual([expect.objectContaining({ deadline: 'meeting_summary', recipientId: staff.ona.id })]));
    clock.set('2027-03-03T11:00:00+02:00');
    await fireAt(t.app, inquiry.id, 'meeting_summary', 'overdue');
    await eventually(() => expect(eventsOf(inquiry.id, 'overdue')).toEqual([expect.objectContaining({ deadline: 'meeting_summary', recipientId: staff.manager.id })]));

    await t.app.mail.clientChannel.sendMeetingSummary(meeting.id, staff.ona.id, 'Meniu bus pakeistas nuo kovo 8 d.');
    const summary = await eventually(() => {
      const mail = smtp.to(address).find((received) => received.parsed.subject?.includes('Susitikimo santrauka'));
      expect(mail).toBeDefined();
      return mail!;
    });
    expect(summary.parsed.text).toContain('Meniu bus pakeistas nuo kovo 8 d.');
    expect(summary.parsed.text).toContain('Onaitė');
    await eventually(async () => expect(await jobs(inquiry.id, 'meeting_summary')).toEqual([]));
    expect((await failure(t.app.mail.clientChannel.sendMeetingSummary(meeting.id, staff.ona.id, 'again'))).code).toBe('MEETING.INVALID_TRANSITION');
  });
});

describe('meetings without e-mail', () => {
  it('R48.meeting-summary-2wd: a client without an e-mail address gets the summary as a printable letter, which closes the obligation', async () => {
    const { inquiry } = await t.app.inquiries.register({
      kind: 'request', channel: 'in_person', client: { name: 'Aldona', email: null, phone: null, language: 'lt' },
      subject: 'Dėl pritaikymo', receivedAt: '2027-03-01T09:00:00+02:00', registeredById: staff.ona.id,
    });
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    const meeting = await t.app.meetings.plan(inquiry.id, staff.ona.id, {
      format: 'client_premises', startsAt: '2027-03-01T10:30:00+02:00', chairId: staff.manager.id, recorderId: staff.ona.id, agenda: 'Aplinka',
    });
    await t.app.meetings.recordMinutes(meeting.id, staff.ona.id, { decisions: 'Įrengti turėklą' });
    const sent = await t.app.mail.clientChannel.sendMeetingSummary(meeting.id, staff.ona.id, 'Įrengsime turėklą');
    expect(sent).toMatchObject({ via: 'letter' });
    const { letters, meetings, inquiry: after } = await t.app.queries.get(inquiry.id);
    expect(letters).toEqual([expect.objectContaining({ id: sent.letterId, body: 'Įrengsime turėklą' })]);
    expect(meetings[0]).toMatchObject({ status: 'summary_sent' });
    expect(after.meetingSummaryDue).toBeNull();
  });
});

describe('complaints', () => {
  const complaint = (channel: string, email: string | null, phone: string | null = null) =>
    t.app.inquiries
      .register({
        kind: 'complaint',
        channel: channel as 'letter',
        client: { name: 'Petras Petraitis', email, phone, language: 'lt' },
        subject: 'Dėl maitinimo',
        body: 'Skundžiuosi',
        receivedAt: '2027-03-01T09:00:00+02:00',
        registeredById: staff.ona.id,
      })
      .then(async ({ inquiry }) => t.app.inquiries.claim(inquiry.id, staff.ona.id));

  it('R55.same-channel: a letter complaint answered by e-mail cannot be resolved or closed; a written letter answers it', async () => {
    const inquiry = await complaint('letter', 'petras@example.lt');
    expect(inquiry.statutoryDue).not.toBeNull();
    await t.app.mail.messaging.replyToClient(inquiry.id, staff.ona.id, 'Atsakome el. paštu');
    const refused = await failure(t.app.inquiries.resolve(inquiry.id, staff.ona.id));
    expect(refused).toMatchObject({ code: 'INQUIRY.WRONG_ANSWER_CHANNEL', details: { required: 'letter', given: 'email' } });

    const letter = await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, 'Atsakome raštu <b>ne HTML</b>');
    await t.app.inquiries.resolve(inquiry.id, staff.ona.id);
    const closed = await t.app.inquiries.close(inquiry.id, staff.ona.id);
    expect(closed.status).toBe('closed');

    const page = await fetch(`${t.app.url}/letters?${new URLSearchParams({ ...t.app.letterLinks.sign(letter.id, staff.ona.id) })}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(inquiry.registryNumber);
    expect(html).toContain('Atsakome raštu &lt;b&gt;ne HTML&lt;/b&gt;');
    expect(html).toContain('Auklėtoja');
    const missing = t.app.letterLinks.sign('00000000-0000-4000-8000-000000000000', staff.ona.id);
    expect((await fetch(`${t.app.url}/letters?${new URLSearchParams({ ...missing })}`)).status).toBe(404);
    // R55.same-channel: the bare id no longer opens it.
    expect((await fetch(`${t.app.url}/letters?id=${letter.id}`)).status).toBe(403);
  });

  it('R55.same-channel / R36.signature: a letter or summary that could not go out is refused before its form is filled', async () => {
    const { inquiry } = await claimed();
    expect((await failure(t.app.mail.clientChannel.assertCanAnswer(staff.rasa.id, inquiry.id, 'letter'))).code).toBe('MAIL.SIGNATURE_INCOMPLETE');
    await t.app.mail.clientChannel.assertCanAnswer(staff.ona.id, inquiry.id, 'letter');
    await t.app.mail.clientChannel.assertCanAnswer(staff.ona.id, inquiry.id, 'meeting_summary');
    expect((await failure(t.app.mail.clientChannel.assertCanAnswer(staff.ona.id, '00000000-0000-4000-8000-000000000000', 'letter'))).code).toBe('INQUIRY.NOT_FOUND');
  });

  it('R55.same-channel: an e-mailed complaint needs an e-mail answer; a phone complaint is answered by a call that reached the client', async () => {
    const { inquiry } = await claimed({ kind: 'complaint' });
    await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, 'Raštu');
    expect(await failure(t.app.inquiries.resolve(inquiry.id, staff.ona.id))).toMatchObject({ details: { required: 'email' } });
    await t.app.mail.messaging.replyToClient(inquiry.id, staff.ona.id, 'El. paštu');
    await t.app.inquiries.resolve(inquiry.id, staff.ona.id);

    const called = await complaint('phone', null, '+37060000009');
    await t.app.calls.logCall(called.id, staff.ona.id, { outcome: 'no_answer', retryAt: '2027-03-01T11:00:00+02:00' });
    expect(await failure(t.app.inquiries.resolve(called.id, staff.ona.id))).toMatchObject({ details: { required: 'oral' } });
    await t.app.calls.logCall(called.id, staff.ona.id, { outcome: 'reached', summary: 'Paaiškinta', clientExpectation: 'Atsiprašymo' });
    expect((await t.app.inquiries.resolve(called.id, staff.ona.id)).status).toBe('resolved');
  });
});

describe('external steps', () => {
  it('R24.other-institution: pending steps are tracked like deadlines; conflicting decisions propose a joint meeting with the institutions', async () => {
    const { inquiry } = await claimed();
    expect((await failure(t.app.externalSteps.add(inquiry.id, staff.ona.id, { institution: 'NVSC', what: 'x', dueAt: '2027-02-01' }))).code).toBe('INPUT.INVALID');
    const city = await t.app.externalSteps.add(inquiry.id, staff.ona.id, { institution: 'Savivaldybė', what: 'Leidimas', dueAt: '2027-03-10T12:00:00+02:00' });
    const health = await t.app.externalSteps.add(inquiry.id, staff.ona.id, { institution: 'NVSC', what: 'Išvada', dueAt: '2027-03-05T12:00:00+02:00' });
    await eventually(async () => expect((await jobs(inquiry.id, 'external_step'))[0]).toEqual(['overdue', at('2027-03-05T12:00:00+02:00')]));

    await t.app.externalSteps.recordDecision(health.id, staff.ona.id, { decision: 'Patalpos netinka' });
    await eventually(async () => expect((await jobs(inquiry.id, 'external_step'))[0]).toEqual(['overdue', at('2027-03-10T12:00:00+02:00')]));
    expect(eventsOf(inquiry.id, 'external_decision_recorded')).toEqual([expect.objectContaining({ institution: 'NVSC', decision: 'Patalpos netinka' })]);

    await t.app.externalSteps.recordDecision(city.id, staff.ona.id, { decision: 'Patalpos tinka', conflictsWithOthers: true });
    await eventually(() => expect(eventsOf(inquiry.id, 'external_decisions_conflict')).toEqual([
      expect.objectContaining({ institutions: ['Savivaldybė', 'NVSC'], ownerId: staff.ona.id }),
    ]));
    await eventually(async () => expect(await jobs(inquiry.id, 'external_step')).toEqual([]));
    expect((await failure(t.app.externalSteps.recordDecision(city.id, staff.ona.id, { decision: 'x' }))).code).toBe('EXTERNAL_STEP.INVALID_TRANSITION');
  });
});

describe('status notices and the inquiry view', () => {
  it('R19.status: an intermediate result reaches the client by e-mail in their language with one click, and only once', async () => {
    const { inquiry, address } = await claimed({}, 'en');
    await t.app.inquiries.recordProgress(inquiry.id, staff.ona.id, { note: 'The city approved the place.', stage: 'decision' });
    const [noted] = await eventually(() => {
      const found = eventsOf(inquiry.id, 'progress_recorded');
      expect(found).toHaveLength(1);
      return found as Array<Extract<InquiryEvent, { type: 'progress_recorded' }>>;
    });
    expect(await t.app.mail.clientChannel.informClient(inquiry.id, staff.ona.id, noted!.noteId)).toEqual({ via: 'email', repeated: false, letterId: null });
    expect(await t.app.mail.clientChannel.informClient(inquiry.id, staff.ona.id, noted!.noteId)).toMatchObject({ via: 'email', repeated: true });
    const update = await eventually(() => {
      const mails = smtp.to(address).filter((mail) => mail.parsed.subject?.includes('News about your inquiry'));
      expect(mails).toHaveLength(1);
      return mails[0]!;
    });
    expect(update.parsed.text).toContain('The city approved the place.');
  });

  it('R19.status: a letter client is told on paper, a phone client by a call to make now', async () => {
    const byLetter = await t.app.inquiries.register({
      kind: 'request', channel: 'letter', client: { name: 'Jurgis', email: null, phone: null, language: 'lt' },
      subject: 'Dėl mokesčio', receivedAt: '2027-03-01T09:00:00+02:00', registeredById: staff.ona.id,
    });
    await t.app.inquiries.claim(byLetter.inquiry.id, staff.ona.id);
    await t.app.inquiries.recordProgress(byLetter.inquiry.id, staff.ona.id, { note: 'Mokestis perskaičiuotas' });
    const noteId = (await t.app.queries.get(byLetter.inquiry.id)).timeline.find((entry) => entry.action === 'progress_recorded')!.details.noteId as string;
    const told = await t.app.mail.clientChannel.informClient(byLetter.inquiry.id, staff.ona.id, noteId);
    expect(told).toMatchObject({ via: 'letter', repeated: false });
    expect((await t.app.queries.get(byLetter.inquiry.id)).letters).toEqual([expect.objectContaining({ id: told.letterId, body: 'Mokestis perskaičiuotas', noteId })]);

    const byPhone = await t.app.inquiries.register({
      kind: 'question', channel: 'phone', client: { name: 'Aldona', email: null, phone: '+37060000010', language: 'lt' },
      subject: 'Dėl ekskursijos', receivedAt: '2027-03-01T09:00:00+02:00', registeredById: staff.ona.id,
    });
    await t.app.inquiries.claim(byPhone.inquiry.id, staff.ona.id);
    await t.app.inquiries.recordProgress(byPhone.inquiry.id, staff.ona.id, { note: 'Ekskursija vyks' });
    const phoneNote = (await t.app.queries.get(byPhone.inquiry.id)).timeline.find((entry) => entry.action === 'progress_recorded')!.details.noteId as string;
    expect(await t.app.mail.clientChannel.informClient(byPhone.inquiry.id, staff.ona.id, phoneNote)).toMatchObject({ via: 'oral' });
    expect((await t.app.queries.get(byPhone.inquiry.id)).inquiry.nextCall).toMatchObject({ plan: 'Ekskursija vyks', at: clock.now() });
  });

  it('the inquiry view tells the whole story: deadlines with their state, calls, meetings, steps, messages, internal notes marked', async () => {
    const { inquiry } = await claimed();
    await t.app.calls.logCall(inquiry.id, staff.ona.id, { outcome: 'reached', summary: 'Vidinė pastaba apie pokalbį', clientExpectation: 'Vieta' });
    await t.app.externalSteps.add(inquiry.id, staff.ona.id, { institution: 'NVSC', what: 'Išvada', dueAt: '2027-03-05T12:00:00+02:00' });
    await t.app.mail.clientChannel.issueLetter(inquiry.id, staff.ona.id, 'Atsakymas');
    clock.set('2027-03-03T10:00:00+02:00');

    const snapshot = await t.app.queries.get(inquiry.registryNumber);
    const people = await storyPeople(snapshot, (id) => t.app.queries.staffMember(id));
    const story = buildInquiryStory(
      { snapshot, emails: await t.app.mail.messaging.emailsOf(inquiry.id), people, letterUrl: (id) => letterUrl('https://langelis.example/', id, staff.ona.id, t.app.letterLinks) },
      { language: 'en', now: clock.now(), zone: 'Europe/Vilnius' },
      { email: true },
    );
    // Replied (by the letter) on Monday, before Tuesday's deadline; the step is still due.
    expect(story.deadlines.map((deadline) => [deadline.label, deadline.state])).toEqual([
      ['First reply', 'met'],
      ['Other institution’s decision: NVSC', 'pending'],
      ['Resolution', 'pending'],
    ]);
    const calls = story.sections.find((section) => section.title === 'Calls')!;
    expect(calls.lines).toEqual([expect.objectContaining({ internal: true, text: expect.stringContaining('Vidinė pastaba apie pokalbį') })]);
    expect(story.sections.map((section) => section.title)).toEqual(['Calls', 'Other institutions', 'Sent to the client']);
    expect(story.sections.at(-1)!.lines).toEqual([{ text: '2027-03-01 10:00 · letter · Ona Onaitė', internal: false }]);
    expect(story.timeline.find((line) => line.text.includes('call summary'))).toMatchObject({ internal: true });
    expect(story.timeline.find((line) => line.text.includes('claimed'))).toMatchObject({ internal: false });
    expect(story.actions).toEqual([
      expect.objectContaining({ id: 'record_decision', label: 'Record decision: NVSC' }),
      expect.objectContaining({ id: 'open_letter', url: expect.stringMatching(/^https:\/\/langelis\.example\/letters\?id=[^&]+&staff=[^&]+&expires=\d+&sig=/) }),
    ]);
  });
});
