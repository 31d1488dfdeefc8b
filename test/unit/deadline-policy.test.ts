import { LithuanianHolidays } from '../../src/calendar/lithuanian-holidays.js';
import { standardOfficeHours } from '../../src/domain/calendar/office-hours.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { DEFAULT_DEADLINE_POLICY, DeadlinePolicy } from '../../src/domain/deadline-policy.js';
import { requiredAnswerChannel, answeredThrough } from '../../src/domain/answer-channel.js';
import { deadlineStates } from '../../src/domain/deadline-states.js';
import type { Inquiry } from '../../src/domain/inquiry.js';

const calendar = new WorkingCalendar(standardOfficeHours(), new LithuanianHolidays());
const policy = new DeadlinePolicy(calendar);
const iso = (value: string) => new Date(value).toISOString();

function inquiry(overrides: Partial<Inquiry> = {}): Inquiry {
  const receivedAt = new Date('2026-11-23T10:00:00+02:00');
  return {
    id: '7d0b5a2e-0000-4000-8000-000000000001',
    registryNumber: '2026-000001',
    kind: 'request',
    channel: 'email',
    externalId: null,
    client: { name: 'Klientas', email: 'k@example.lt', phone: null, postalAddress: null, language: 'lt' },
    subject: 's',
    body: 'b',
    receivedAt,
    status: 'claimed',
    ownerId: '7d0b5a2e-0000-4000-8000-0000000000aa',
    firstReplyDue: policy.firstReplyDue(receivedAt),
    firstReplyAt: null,
    statutoryDue: policy.statutoryDue(receivedAt, 'request'),
    promisedBy: null,
    followUpDue: null,
    nextCall: null,
    missedCalls: 0,
    meetingSummaryDue: null,
    externalStepDue: null,
    resolvedAt: null,
    closedAt: null,
    ...overrides,
  };
}

describe('deadline policy', () => {
  it.each([
    ['Monday 14:30', '2026-11-23T14:30:00+02:00', '2026-11-24T14:30:00+02:00'],
    ['03:00 at night: the clock starts at 08:00', '2026-11-24T03:00:00+02:00', '2026-11-24T17:00:00+02:00'],
    ['Friday evening', '2026-11-27T18:00:00+02:00', '2026-11-30T17:00:00+02:00'],
    ['the eve of Christmas Eve', '2026-12-23T15:00:00+02:00', '2026-12-28T15:00:00+02:00'],
    ['the Friday before All Souls’ Day', '2026-10-30T14:00:00+02:00', '2026-11-03T14:00:00+02:00'],
  ])('R14.reply-1wd: received %s → first reply due %s', (_label, receivedAt, due) => {
    expect(policy.firstReplyDue(new Date(receivedAt)).toISOString()).toBe(iso(due));
  });

  it('R59.statutory: requests and complaints get 20 working days; questions none', () => {
    const receivedAt = new Date('2026-12-14T10:00:00+02:00');
    // 20 working days skip the weekends, 24–25 Dec and 1 Jan.
    expect(policy.statutoryDue(receivedAt, 'complaint')!.toISOString()).toBe(iso('2027-01-14T10:00:00+02:00'));
    expect(policy.statutoryDue(receivedAt, 'question')).toBeNull();
  });

  it('R14.reply-1wd: the reminder comes 2 office hours before the deadline, counted over the night', () => {
    const schedule = policy.schedule(inquiry());
    expect(schedule.first_reply).toMatchObject({ dueAt: iso('2026-11-24T10:00:00+02:00'), remindAt: iso('2026-11-24T08:00:00+02:00') });
  });

  it('R14.reply-1wd / R4.owner: a first reply or resolution still overdue 4 office hours after its deadline goes up to the owner’s manager', () => {
    const schedule = policy.schedule(inquiry({ statutoryDue: new Date('2026-11-27T16:00:00+02:00') }));
    expect(schedule.first_reply?.escalateAt).toBe(iso('2026-11-24T14:00:00+02:00'));
    // Counted in office hours: Friday 16:00 + 4 → Monday 11:00.
    expect(schedule.resolution?.escalateAt).toBe(iso('2026-11-30T11:00:00+02:00'));
    // Not the workflow deadlines: only the first reply and the resolution go up.
    expect(policy.schedule(inquiry({ followUpDue: new Date('2026-11-25T10:00:00+02:00') })).follow_up?.escalateAt).toBeUndefined();
  });

  it('R4.owner: an inquiry nobody owns has no manager to tell of an overdue reply — its claim escalation speaks instead', () => {
    const unowned = policy.schedule(inquiry({ status: 'new', ownerId: null }));
    expect(unowned.first_reply?.escalateAt).toBeUndefined();
    expect(unowned.claim?.escalateAt).toBeDefined();
  });

  it('R4.owner: 0 switches either escalation off', () => {
    const off = new DeadlinePolicy(calendar, { ...DEFAULT_DEADLINE_POLICY, overdueEscalateAfterOfficeHours: 0, unclaimedEscalateAfterMinutes: 0 });
    expect(off.schedule(inquiry()).first_reply?.escalateAt).toBeUndefined();
    expect(off.schedule(inquiry({ status: 'new', ownerId: null })).claim?.escalateAt).toBeUndefined();
  });

  it('R14.holding-reply: a promised date replaces the statutory one as the resolution deadline', () => {
    const promisedBy = new Date('2026-12-01T12:00:00+02:00');
    const schedule = policy.schedule(inquiry({ promisedBy, firstReplyAt: new Date() }));
    expect(schedule).toEqual({ resolution: { dueAt: promisedBy.toISOString(), remindAt: iso('2026-12-01T10:00:00+02:00'), escalateAt: iso('2026-12-01T16:00:00+02:00') } });
  });

  it('R4.owner: an inquiry nobody claimed is announced again one office hour after it arrived (no reminder before), and goes to the manager on duty 120 office minutes later', () => {
    const unclaimed = policy.schedule(inquiry({ status: 'new', ownerId: null, receivedAt: new Date('2026-11-27T16:30:00+02:00') }));
    expect(unclaimed.claim).toEqual({ dueAt: iso('2026-11-30T08:30:00+02:00'), remindAt: null, escalateAt: iso('2026-11-30T10:30:00+02:00') });
  });

  it('R14.reply-1wd: nothing is watched once the inquiry is resolved', () => {
    expect(policy.schedule(inquiry({ status: 'resolved' }))).toEqual({});
  });

  it('R14.reply-1wd: ordinary reminders wait for office hours; overdue notices too unless configured', () => {
    const saturday = new Date('2026-11-28T11:00:00+02:00');
    expect(policy.deliveryTime('reminder', saturday, 'first_reply').toISOString()).toBe(iso('2026-11-30T08:00:00+02:00'));
    expect(policy.deliveryTime('overdue', saturday, 'first_reply').toISOString()).toBe(iso('2026-11-30T08:00:00+02:00'));
    const anytime = new DeadlinePolicy(calendar, { ...DEFAULT_DEADLINE_POLICY, overdueOutsideOfficeHours: true });
    expect(anytime.deliveryTime('overdue', saturday, 'resolution')).toEqual(saturday);
    expect(anytime.deliveryTime('reminder', saturday, 'resolution').toISOString()).toBe(iso('2026-11-30T08:00:00+02:00'));
  });

  it('R29.agreed-time: a call agreed for a Saturday is still announced on time', () => {
    const saturday = new Date('2026-11-28T11:00:00+02:00');
    expect(policy.deliveryTime('reminder', saturday, 'call')).toEqual(saturday);
  });
});

describe('procedure deadlines', () => {
  it.each([
    ['Monday 11:00', '2026-11-23T11:00:00+02:00', '2026-11-25T11:00:00+02:00'],
    ['Thursday 16:00, over the weekend', '2026-11-26T16:00:00+02:00', '2026-11-30T16:00:00+02:00'],
    ['Tuesday before Christmas', '2026-12-22T10:00:00+02:00', '2026-12-28T10:00:00+02:00'],
    ['Friday after the clocks go back (DST ends 25 Oct 2026)', '2026-10-23T09:00:00+03:00', '2026-10-27T09:00:00+02:00'],
  ])('R48.meeting-summary-2wd: minutes on %s → summary due %s', (_label, heldAt, due) => {
    expect(policy.meetingSummaryDue(new Date(heldAt)).toISOString()).toBe(iso(due));
  });

  it('R29.agreed-time / R31.callback: an agreed call is announced 10 minutes ahead, a retry at its time; neither has an overdue stage', () => {
    const at = new Date('2026-11-23T14:00:00+02:00');
    expect(policy.schedule(inquiry({ nextCall: { at, plan: 'p', purpose: 'agreed' } })).call).toEqual({
      dueAt: iso('2026-11-23T14:00:00+02:00'), remindAt: iso('2026-11-23T13:50:00+02:00'), overdue: false,
    });
    expect(policy.schedule(inquiry({ nextCall: { at, plan: 'p', purpose: 'retry' } })).call?.remindAt).toBe(at.toISOString());
    expect(policy.earliestRetry(new Date('2026-11-23T10:00:00+02:00')).toISOString()).toBe(iso('2026-11-23T10:30:00+02:00'));
  });

  it.each([
    ['complaint', 'email', 'email'],
    ['complaint', 'web', 'email'],
    ['complaint', 'letter', 'letter'],
    ['complaint', 'phone', 'oral'],
    ['complaint', 'in_person', 'oral'],
    ['request', 'letter', null],
  ] as const)('R55.same-channel: a %s received by %s is answered %s', (kind, channel, required) => {
    expect(requiredAnswerChannel({ kind, channel })).toBe(required);
  });

  it('R55.same-channel: only answers count — not an acknowledgement, not a missed call', () => {
    const entry = (action: string, details: Record<string, unknown>) => ({ action, details });
    expect([...answeredThrough([
      entry('email_requested', { purpose: 'acknowledgement' }),
      entry('call_logged', { call: { outcome: 'no_answer' } }),
    ])]).toEqual([]);
    expect([...answeredThrough([
      entry('email_requested', { purpose: 'reply' }),
      entry('letter_issued', {}),
      entry('meeting_held', {}),
    ])].sort()).toEqual(['email', 'letter', 'oral']);
  });

  it.each([
    ['kept before the deadline', '2026-11-24T09:00:00+02:00', 'met'],
    ['kept after it', '2026-11-24T12:00:00+02:00', 'missed'],
    ['not kept, deadline passed', null, 'overdue'],
  ] as const)('the inquiry view: a first reply %s is %s', (_label, repliedAt, state) => {
    const subject = inquiry({ firstReplyAt: repliedAt ? new Date(repliedAt) : null });
    const [firstReply] = deadlineStates(subject, [], [], new Date('2026-11-25T10:00:00+02:00'));
    expect(firstReply).toMatchObject({ kind: 'first_reply', state });
  });

  it('the inquiry view: a deadline still ahead is pending', () => {
    const states = deadlineStates(inquiry(), [], [], new Date('2026-11-23T12:00:00+02:00'));
    expect(states.map((status) => [status.kind, status.state])).toEqual([['first_reply', 'pending'], ['resolution', 'pending']]);
  });
});
