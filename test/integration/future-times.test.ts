import { DomainError } from '../../src/domain/errors.js';
import { FIELD_REASONS } from '../../src/domain/validation.js';
import { emailedRequest, ManualClock, seedStaff, startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue #13 item 3: where the procedure needs a time still to come, the domain refuses one already passed, with a
 * reason every caller (Slack, Teams, anything else) can word; the field it is about is named.
 */

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
const PAST = '2027-03-01T09:59:00+02:00';
const SOON = '2027-03-01T10:01:00+02:00';

beforeAll(async () => {
  t = await startTestApp({ clock });
  staff = await seedStaff(t.app);
});
afterAll(() => t.stop());

async function claimed() {
  const { inquiry } = await t.app.inquiries.register(emailedRequest());
  return t.app.inquiries.claim(inquiry.id, staff.ona.id);
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const notInFuture = (path: string) => [expect.objectContaining({ path, message: FIELD_REASONS.notInFuture })];
const actions = async (id: string) => (await t.app.queries.get(id)).timeline.map((entry) => entry.action);

it('R44.call-notes / R16.expectations: a next step due in the past is refused beside nextStepDue; one a minute ahead is kept', async () => {
  const inquiry = await claimed();
  const call = { outcome: 'reached' as const, summary: 'Aptarėme', clientExpectation: 'Vieta', nextStep: 'Patvirtinti raštu' };
  const error = await refusal(t.app.calls.logCall(inquiry.id, staff.ona.id, { ...call, nextStepDue: PAST }));
  expect(error.code).toBe('INPUT.INVALID');
  expect(error.details.fields).toEqual(notInFuture('nextStepDue'));
  expect(await actions(inquiry.id)).not.toContain('call_logged');
  await t.app.calls.logCall(inquiry.id, staff.ona.id, { ...call, nextStepDue: SOON });
  expect(await actions(inquiry.id)).toContain('call_logged');
});

it('R54.escalate-unresolved: a follow-up promised for a time already passed is refused beside followUpAt; nothing is raised', async () => {
  const inquiry = await claimed();
  const conflict = { type: 'conflict' as const, whatHappened: 'Ginčas', clientToldWhat: 'Paskambinsime' };
  const error = await refusal(t.app.escalations.raise(inquiry.id, staff.ona.id, { ...conflict, followUpAt: PAST }));
  expect(error.details.fields).toEqual(notInFuture('followUpAt'));
  expect(await actions(inquiry.id)).not.toContain('escalated');
  await t.app.escalations.raise(inquiry.id, staff.ona.id, { ...conflict, followUpAt: SOON });
  expect(await actions(inquiry.id)).toContain('escalated');
});

it('R14.holding-reply: a promise in the past keeps its code and now names its reason', async () => {
  const inquiry = await claimed();
  const error = await refusal(t.app.inquiries.sendHoldingReply(inquiry.id, staff.ona.id, new Date(PAST)));
  expect(error).toMatchObject({ code: 'INQUIRY.PROMISE_INVALID', details: { reason: FIELD_REASONS.notInFuture } });
});

it('R29.agreed-time / R45.meetings / R24.other-institution: a call, a meeting and an external step in the past stay refused beside their times', async () => {
  const inquiry = await claimed();
  expect((await refusal(t.app.calls.scheduleCall(inquiry.id, staff.ona.id, { at: PAST, plan: 'Aptarti' }))).details.fields).toEqual(notInFuture('at'));
  const meeting = { format: 'remote' as const, startsAt: PAST, chairId: staff.ona.id, recorderId: staff.manager.id, agenda: 'Vieta' };
  expect((await refusal(t.app.meetings.plan(inquiry.id, staff.ona.id, meeting))).details.fields).toEqual(notInFuture('startsAt'));
  const step = { institution: 'Savivaldybė', what: 'Sprendimo', dueAt: PAST };
  expect((await refusal(t.app.externalSteps.add(inquiry.id, staff.ona.id, step))).details.fields).toEqual(notInFuture('dueAt'));
});
