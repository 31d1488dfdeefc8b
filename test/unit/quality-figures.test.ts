import type { InquiryEvent } from '../../src/domain/events.js';
import { markChangeOf, isQualityEvent } from '../../src/domain/quality/facts.js';
import { compared, EMPTY_AGGREGATE, figuresOf, ratingFigures, satisfactionIndex, share, withCounts } from '../../src/domain/quality/figures.js';

describe('R60.external: the satisfaction index = (average − 1) / 4 × 100, rounded', () => {
  it.each<[number | null, number | null]>([
    [null, null],
    [1, 0],
    [2, 25],
    [3, 50],
    [4, 75],
    [5, 100],
    // (4.2 − 1) / 4 × 100 = 80
    [4.2, 80],
    // (13/3 − 1) / 4 × 100 = 83.33… → 83
    [13 / 3, 83],
    // (1.5 − 1) / 4 × 100 = 12.5 → 13 (halves round up)
    [1.5, 13],
  ])('average %p → %p', (average, index) => {
    expect(satisfactionIndex(average)).toBe(index);
  });

  it('refuses an average outside 1–5', () => {
    expect(() => satisfactionIndex(0.5)).toThrow(RangeError);
    expect(() => satisfactionIndex(5.1)).toThrow(RangeError);
  });

  it.each<[string, number, [number, number, number, number, number], Record<string, unknown>]>([
    ['nothing asked', 0, [0, 0, 0, 0, 0], { requested: 0, answered: 0, responseRate: null, average: null, satisfactionIndex: null }],
    ['asked, nobody answered', 4, [0, 0, 0, 0, 0], { requested: 4, answered: 0, responseRate: 0, average: null, satisfactionIndex: null }],
    // answers 5, 5, 4, 2: average 16 / 4 = 4, index (4 − 1) / 4 × 100 = 75; 4 of 8 asked = 0.5
    ['four of eight answered', 8, [0, 1, 0, 1, 2], { requested: 8, answered: 4, responseRate: 0.5, average: 4, satisfactionIndex: 75 }],
    // answers 1, 3, 5: average 3, index 50
    ['three answers, all asked', 3, [1, 0, 1, 0, 1], { requested: 3, answered: 3, responseRate: 1, average: 3, satisfactionIndex: 50 }],
  ])('ratings: %s', (_case, requested, scores, expected) => {
    expect(ratingFigures(requested, scores)).toEqual({ ...expected, distribution: scores });
  });
});

describe('R60.internal: figures from the aggregated counts', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [0, 3, 0],
    [2, 3, 2 / 3],
    [3, 3, 1],
  ])('share(%p, %p) = %p: null when nothing was due, never a made-up 0 %%', (part, whole, expected) => {
    expect(share(part, whole)).toBe(expected);
  });

  it('derives each share from its own counts', () => {
    const figures = figuresOf({
      ...EMPTY_AGGREGATE,
      received: 10,
      resolved: 6,
      open: 7,
      // R14.reply-1wd: 8 due, 6 in time → 0.75
      firstRepliesDue: 8,
      firstRepliesOnTime: 6,
      firstReplyMedianOfficeMinutes: 95,
      firstReplyP90OfficeMinutes: 480.5,
      // R14.holding-reply / R59.statutory: 5 of the 6 resolved had a date, 4 met it → 0.8
      resolvedWithDue: 5,
      resolvedOnTime: 4,
      overdue: 2,
      escalatedConflicts: 1,
      incidents: 1,
      missedCallbacks: 3,
      // R48: 2 summaries due, 1 in time → 0.5
      summariesDue: 2,
      summariesOnTime: 1,
      reopened: 1,
      ratingsRequested: 2,
      scores: [0, 0, 0, 1, 1],
    });
    expect(figures).toEqual({
      received: 10,
      resolved: 6,
      open: 7,
      firstReplyOnTimeShare: 0.75,
      firstReplyMedianOfficeMinutes: 95,
      firstReplyP90OfficeMinutes: 480.5,
      resolvedOnTimeShare: 0.8,
      overdue: 2,
      escalatedConflicts: 1,
      incidents: 1,
      missedCallbacks: 3,
      summariesOnTimeShare: 0.5,
      reopened: 1,
      // 4 and 5: average 4.5, index (4.5 − 1) / 4 × 100 = 87.5 → 88
      ratings: { requested: 2, answered: 2, responseRate: 1, average: 4.5, distribution: [0, 0, 0, 1, 1], satisfactionIndex: 88 },
    });
  });

  it('a group missing from one period has zeros (and no shares) there', () => {
    const pair = compared(withCounts(undefined, { received: 3 }), undefined);
    expect(pair.current.received).toBe(3);
    expect(pair.previous).toEqual(figuresOf(EMPTY_AGGREGATE));
    expect(pair.previous.firstReplyOnTimeShare).toBeNull();
  });
});

describe('R60.internal: the marks an event leaves (a repeat of the event has the same key)', () => {
  const base = { inquiryId: 'i', registryNumber: '2027-000001', at: '2027-03-16T06:00:00.000Z', actorId: null };
  it.each<[string, InquiryEvent, ReturnType<typeof markChangeOf>]>([
    ['a first reply flagged overdue, at its deadline', { ...base, type: 'overdue', deadline: 'first_reply', dueAt: '2027-03-16T15:00:00.000Z', recipientId: null },
      { op: 'mark', kind: 'overdue', key: 'first_reply:2027-03-16T15:00:00.000Z', at: new Date('2027-03-16T15:00:00.000Z') }],
    ['a resolution flagged overdue', { ...base, type: 'overdue', deadline: 'resolution', dueAt: '2027-03-20T15:00:00.000Z', recipientId: null },
      { op: 'mark', kind: 'overdue', key: 'resolution:2027-03-20T15:00:00.000Z', at: new Date('2027-03-20T15:00:00.000Z') }],
    ['a late meeting summary is not "overdue" (it has its own figure)', { ...base, type: 'overdue', deadline: 'meeting_summary', dueAt: '2027-03-20T15:00:00.000Z', recipientId: null }, null],
    ['an escalated conflict, under its escalation', { ...base, type: 'escalated', escalationId: 'e1', escalationType: 'conflict', managerId: null, followUpAt: null },
      { op: 'mark', kind: 'conflict', key: 'e1', at: new Date(base.at) }],
    ['an incident', { ...base, type: 'escalated', escalationId: 'e2', escalationType: 'incident', managerId: null, followUpAt: null },
      { op: 'mark', kind: 'incident', key: 'e2', at: new Date(base.at) }],
    ['R31.callback: a failed retry', { ...base, type: 'callback_failed', attempts: 2, ownerId: null },
      { op: 'mark', kind: 'missed_callback', key: base.at, at: new Date(base.at) }],
    ['a reopening', { ...base, type: 'reopened', reason: 'x' }, { op: 'mark', kind: 'reopened', key: base.at, at: new Date(base.at) }],
    ['R48: a meeting held, its summary due', { ...base, type: 'meeting_held', meetingId: 'm1', summaryDue: '2027-03-18T08:00:00.000Z', recorderId: 'r', chairId: 'c' },
      { op: 'mark', kind: 'summary', key: 'm1', at: new Date('2027-03-18T08:00:00.000Z') }],
    ['R48: the summary sent', { ...base, type: 'meeting_summary_sent', meetingId: 'm1', via: 'letter' }, { op: 'settle', kind: 'summary', key: 'm1', at: new Date(base.at) }],
    ['a claim leaves no mark (it changes the state)', { ...base, type: 'claimed', ownerId: 'o' }, null],
  ])('%s', (_case, event, change) => {
    expect(markChangeOf(event)).toEqual(change);
  });

  it('takes the events that change what is counted, and not the chatter', () => {
    for (const type of ['registered', 'claimed', 'handed_over', 'first_reply_sent', 'holding_reply_sent', 'resolved', 'reopened', 'overdue', 'escalated', 'meeting_summary_sent'] as const) {
      expect(isQualityEvent(type)).toBe(true);
    }
    for (const type of ['deadlines_changed', 'reminder_due', 'client_message_received', 'email_sent', 'rated'] as const) expect(isQualityEvent(type)).toBe(false);
  });
});
