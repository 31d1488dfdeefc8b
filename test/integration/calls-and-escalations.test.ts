import { DomainError } from '../../src/domain/errors.js';
import { TypeormInquiryRepository } from '../../src/persistence/inquiry.typeorm-repository.js';
import { emailedRequest, eventually, ManualClock, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
const recorder = new RecordingNotifier();

beforeAll(async () => {
  t = await startTestApp({ clock, notifiers: [recorder] });
  staff = await seedStaff(t.app);
  await t.app.staff.importMembers([{ firstName: 'Dalia', surname: 'Direktorė', email: 'direktore@daigelis.lt', roles: ['head'] }]);
});
afterAll(() => t.stop());

async function claimedInquiry(owner = staff.ona.id) {
  const { inquiry } = await t.app.inquiries.register(emailedRequest());
  await t.app.inquiries.claim(inquiry.id, owner);
  return inquiry;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

describe('post-call summary', () => {
  it('R44.call-notes / R16.expectations: the summary, expected result, alternatives and risks go to the timeline', async () => {
    const inquiry = await claimedInquiry();
    const updated = await t.app.calls.logCall(inquiry.id, staff.ona.id, {
      outcome: 'reached',
      summary: 'Aptarėme vietą grupėje „Drugeliai“',
      clientExpectation: 'Vieta nuo rugsėjo',
      alternativesOffered: 'Grupė „Boružėlės“',
      risksExplained: 'Eilė gali pasikeisti',
      nextStep: 'Patvirtinti raštu',
      nextStepDue: '2027-03-03T12:00:00+02:00',
      emailSummaryToClient: true,
    });
    expect(updated.status).toBe('in_progress');
    const entry = (await new TypeormInquiryRepository(t.app.dataSource.manager).timeline(inquiry.id)).find((e) => e.action === 'call_logged');
    expect(entry).toMatchObject({
      actorId: staff.ona.id,
      details: {
        call: {
          outcome: 'reached',
          clientExpectation: 'Vieta nuo rugsėjo',
          alternativesOffered: 'Grupė „Boružėlės“',
          risksExplained: 'Eilė gali pasikeisti',
          nextStepDue: new Date('2027-03-03T12:00:00+02:00').toISOString(),
          emailSummaryToClient: true,
        },
      },
    });
  });

  it('R44.call-notes: a reached call without a summary or expected result is refused, naming the fields', async () => {
    const inquiry = await claimedInquiry();
    const error = await t.app.calls.logCall(inquiry.id, staff.ona.id, { outcome: 'reached' }).catch((caught: DomainError) => caught);
    expect(error).toMatchObject({ code: 'INPUT.INVALID' });
    expect((error as DomainError).details.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'summary' }), expect.objectContaining({ path: 'clientExpectation' })]),
    );
  });

  it('R44.call-notes: only the owner (or a manager) logs calls on an inquiry', async () => {
    const inquiry = await claimedInquiry();
    expect(await codeOf(t.app.calls.logCall(inquiry.id, staff.jonas.id, { outcome: 'no_answer' }))).toBe('INQUIRY.NOT_OWNER');
  });
});

describe('escalation', () => {
  it('R54.escalate-unresolved: a conflict goes to the direct manager with the promised follow-up, tracked like a deadline', async () => {
    const inquiry = await claimedInquiry();
    const followUpAt = new Date('2027-03-02T15:00:00+02:00');
    const escalation = await t.app.escalations.raise(inquiry.id, staff.ona.id, {
      type: 'conflict',
      whatHappened: 'Tėvai nesutinka su sprendimu',
      clientToldWhat: 'Vadovė paskambins rytoj',
      followUpAt,
    });
    expect(escalation).toMatchObject({ status: 'pending', managerId: staff.manager.id, type: 'conflict' });
    await eventually(() =>
      expect(recorder.ofType('escalated').find((event) => event.inquiryId === inquiry.id)).toMatchObject({
        managerId: staff.manager.id,
        escalationType: 'conflict',
        followUpAt: followUpAt.toISOString(),
      }),
    );
    await eventually(async () => {
      const [job] = await t.app.dataSource.query(
        `SELECT run_at AS next_run_at FROM notice_schedule WHERE inquiry_id = $1 AND deadline = 'follow_up' AND stage = 'overdue'`,
        [inquiry.id],
      );
      expect(job?.next_run_at).toEqual(followUpAt);
    });
  });

  it('R54.escalate-unresolved: a conflict needs the follow-up time and what the client was told', async () => {
    const inquiry = await claimedInquiry();
    const error = await t.app.escalations.raise(inquiry.id, staff.ona.id, { type: 'conflict', whatHappened: 'Ginčas' }).catch((e: DomainError) => e);
    expect((error as DomainError).details.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'followUpAt' }), expect.objectContaining({ path: 'clientToldWhat' })]),
    );
  });

  it('R54.escalate-unresolved: the manager acknowledges, then takes the inquiry over (an audited handover)', async () => {
    const inquiry = await claimedInquiry();
    const escalation = await t.app.escalations.raise(inquiry.id, staff.ona.id, {
      type: 'conflict', whatHappened: 'Ginčas', clientToldWhat: 'Paskambinsime', followUpAt: '2027-03-02T15:00:00+02:00',
    });
    expect(await codeOf(t.app.escalations.acknowledge(escalation.id, staff.jonas.id))).toBe('ESCALATION.NOT_RECIPIENT');
    await t.app.escalations.acknowledge(escalation.id, staff.manager.id);
    expect(await codeOf(t.app.escalations.acknowledge(escalation.id, staff.manager.id))).toBe('ESCALATION.INVALID_TRANSITION');
    const taken = await t.app.escalations.takeOver(escalation.id, staff.manager.id);
    expect(taken.status).toBe('taken_over');
    const snapshot = await t.app.queries.get(inquiry.registryNumber);
    expect(snapshot.inquiry.ownerId).toBe(staff.manager.id);
    expect(snapshot.timeline.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['escalated', 'escalation_acknowledged', 'handed_over', 'escalation_taken_over']),
    );
  });

  it('R58.incident: an incident is referred to the head, whose decision is recorded; a conflict cannot be', async () => {
    const inquiry = await claimedInquiry();
    const incident = await t.app.escalations.raise(inquiry.id, staff.ona.id, { type: 'incident', whatHappened: 'Grasinimai darbuotojai' });
    await t.app.escalations.referToHead(incident.id, staff.manager.id);
    expect(await codeOf(t.app.escalations.recordHeadDecision(incident.id, staff.manager.id, { reportToAuthorities: true }))).toBe('STAFF.NOT_ALLOWED');
    const head = (await t.app.queries.staffWithRole('head'))[0]!;
    const decided = await t.app.escalations.recordHeadDecision(incident.id, head.id, { reportToAuthorities: true, note: 'Pranešta policijai' });
    expect(decided).toMatchObject({ status: 'decided', reportedToAuthorities: true, decisionNote: 'Pranešta policijai' });
    await eventually(() => expect(recorder.ofType('escalation_decided').some((event) => event.inquiryId === inquiry.id)).toBe(true));

    const conflict = await t.app.escalations.raise(inquiry.id, staff.ona.id, {
      type: 'conflict', whatHappened: 'x', clientToldWhat: 'y', followUpAt: '2027-03-02T15:00:00+02:00',
    });
    expect(await codeOf(t.app.escalations.referToHead(conflict.id, staff.manager.id))).toBe('ESCALATION.INVALID_TRANSITION');
  });

  it('R58.incident: with no direct manager the escalation is still stored, pending, and announced', async () => {
    const inquiry = await claimedInquiry(staff.manager.id);
    const escalation = await t.app.escalations.raise(inquiry.id, staff.manager.id, { type: 'incident', whatHappened: 'Agresyvus elgesys' });
    expect(escalation).toMatchObject({ managerId: null, status: 'pending' });
    expect((await t.app.queries.escalation(escalation.id)).escalation.status).toBe('pending');
    await eventually(() =>
      expect(recorder.ofType('escalated').find((event) => event.inquiryId === inquiry.id)).toMatchObject({ managerId: null }),
    );
  });
});
