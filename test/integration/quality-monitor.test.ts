import type { QualityReport, QualityRow, ReportScope } from '../../src/domain/quality/report.js';
import { emailedRequest, eventually, ManualClock, seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { fireAt } from '../support/jobs.js';

/**
 * R60.internal: a seeded history, driven through the real domain services with a hand-moved clock, and the figures
 * for March 2027 (and February beside them) worked out by hand. Office hours Mon–Fri 08:00–17:00 Europe/Vilnius;
 * Thursday 11 March is a holiday (Restoration of Independence), the clocks go forward on Sunday 28 March, Monday
 * 29 March is Easter Monday. Times are local with their offset (+02:00 winter, +03:00 summer).
 *
 *   A  Ona    e-mail request  received Wed 10 Mar 16:00; replied Fri 12 Mar 09:00; resolved Mon 15 Mar; rated 5
 *   B  Ona    phone question  received Fri 26 Mar 15:00; replied Tue 30 Mar 10:30 (+03:00); still open
 *   C  Jonas  e-mail request  received Mon 15 Mar 18:30; overdue at Tue 16 Mar 17:00; replied Wed 17 Mar 09:00;
 *                              a retry missed too (R31); an incident; still open
 *   D  Rasa   phone request   received Wed 24 Feb 10:00; holding reply 11:00 promising Fri 5 Mar 17:00; meeting held
 *                              Mon 1 Mar 11:00 (summary due Wed 3 Mar 11:00, sent Thu 4 Mar); a conflict escalated;
 *                              resolved Mon 8 Mar, reopened Tue 9 Mar, resolved again Wed 10 Mar (late); rated 2
 *   F  Vida   e-mail question received Thu 4 Mar 09:00; replied 09:30 — Vida manages the team, she is not in it
 *   G  nobody web question    received Mon 1 Feb 10:00; never claimed or answered
 *   H  Ona    e-mail question received Mon 15 Feb 09:00; replied 11:00; resolved Tue 16 Feb
 *   E  Jonas  phone request   received Wed 7 Apr 09:00 — after March: counted nowhere below
 */

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
const clock = new ManualClock(new Date('2027-02-01T09:00:00+02:00'));
const ids: Record<string, string> = {};
let march: { from: Date; to: Date };

const phoneRequest = (overrides: Record<string, unknown>) =>
  emailedRequest({ channel: 'phone', externalId: null, client: { name: 'Rūta Petraitienė', email: null, phone: '+37060012345', language: 'lt' }, ...overrides });

/** Waits until the quality consumer has taken in every event so far. */
async function settled(): Promise<void> {
  await eventually(async () => {
    const [row] = await t.app.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE consumer = 'quality' AND delivered_at IS NULL`);
    expect(row.n).toBe(0);
  });
}

async function register(name: string, input: Record<string, unknown>, owner: string | null): Promise<string> {
  const { inquiry } = await t.app.inquiries.register(input as never);
  ids[name] = inquiry.id;
  if (owner) await t.app.inquiries.claim(inquiry.id, owner);
  return inquiry.id;
}

const on = (iso: string) => clock.set(iso);

beforeAll(async () => {
  t = await startTestApp({ clock });
  staff = await seedStaff(t.app);
  const { ona, jonas, rasa, manager: vida } = staff;

  // G: received, never claimed.
  on('2027-02-01T10:00:00+02:00');
  await register('G', emailedRequest({ kind: 'question', channel: 'web', externalId: 'form-g', receivedAt: '2027-02-01T10:00:00+02:00' }), null);

  // H: Ona, February.
  on('2027-02-15T09:05:00+02:00');
  const h = await register('H', emailedRequest({ kind: 'question', receivedAt: '2027-02-15T09:00:00+02:00' }), ona.id);
  on('2027-02-15T11:00:00+02:00');
  await t.app.inquiries.recordFirstReply(h, ona.id);
  on('2027-02-16T10:00:00+02:00');
  await t.app.inquiries.resolve(h, ona.id);

  // D: Rasa, received in February, worked in March.
  on('2027-02-24T10:05:00+02:00');
  const d = await register('D', phoneRequest({ receivedAt: '2027-02-24T10:00:00+02:00' }), rasa.id);
  on('2027-02-24T11:00:00+02:00');
  await t.app.inquiries.sendHoldingReply(d, rasa.id, new Date('2027-03-05T17:00:00+02:00'));
  on('2027-02-24T11:30:00+02:00');
  const meeting = await t.app.meetings.plan(d, rasa.id, {
    format: 'in_person',
    startsAt: '2027-03-01T10:00:00+02:00',
    chairId: rasa.id,
    recorderId: vida.id,
    agenda: 'Vieta grupėje',
  });
  on('2027-03-01T11:00:00+02:00');
  await t.app.meetings.recordMinutes(meeting.id, vida.id, { decisions: 'Sutarta' });
  on('2027-03-02T09:00:00+02:00');
  await t.app.escalations.raise(d, rasa.id, { type: 'conflict', whatHappened: 'Nesutarimas', clientToldWhat: 'Paskambinsime', followUpAt: '2027-03-04T10:00:00+02:00' });
  on('2027-03-04T09:00:00+02:00');
  await t.app.mail.clientChannel.sendMeetingSummary(meeting.id, vida.id, 'Susitikimo santrauka');
  on('2027-03-08T10:00:00+02:00');
  await t.app.inquiries.resolve(d, rasa.id);
  on('2027-03-09T09:00:00+02:00');
  await t.app.inquiries.reopen(d, rasa.id, 'Klientas parašė dar kartą');
  on('2027-03-10T10:00:00+02:00');
  await t.app.inquiries.resolve(d, rasa.id);
  on('2027-03-10T11:00:00+02:00');
  await t.app.ratings.record(d, rasa.id, { score: 2 });

  // F: Vida's own.
  on('2027-03-04T09:05:00+02:00');
  const f = await register('F', emailedRequest({ kind: 'question', receivedAt: '2027-03-04T09:00:00+02:00' }), vida.id);
  on('2027-03-04T09:30:00+02:00');
  await t.app.inquiries.recordFirstReply(f, vida.id);

  // A: over the holiday.
  on('2027-03-10T16:05:00+02:00');
  const a = await register('A', emailedRequest({ receivedAt: '2027-03-10T16:00:00+02:00' }), ona.id);
  on('2027-03-12T09:00:00+02:00');
  await t.app.inquiries.recordFirstReply(a, ona.id);
  on('2027-03-15T10:00:00+02:00');
  await t.app.inquiries.resolve(a, ona.id);
  on('2027-03-15T10:30:00+02:00');
  await t.app.ratings.record(a, ona.id, { score: 5 });

  // C: received after hours, overdue, a missed retry, an incident.
  on('2027-03-16T08:10:00+02:00');
  const c = await register('C', emailedRequest({ receivedAt: '2027-03-15T18:30:00+02:00' }), jonas.id);
  // The overdue notice of Tue 17:00 goes out at the next opening (no notices at night).
  on('2027-03-17T08:00:00+02:00');
  await fireAt(t.app, c, 'first_reply', 'overdue');
  await eventually(async () => {
    const [row] = await t.app.dataSource.query(`SELECT count(*)::int AS n FROM quality_marks WHERE inquiry_id = $1 AND kind = 'overdue'`, [c]);
    expect(row.n).toBe(1);
  });
  on('2027-03-17T09:00:00+02:00');
  await t.app.inquiries.recordFirstReply(c, jonas.id);
  on('2027-03-17T10:00:00+02:00');
  await t.app.calls.logCall(c, jonas.id, { outcome: 'no_answer', retryAt: '2027-03-17T10:45:00+02:00' });
  on('2027-03-17T10:45:00+02:00');
  await t.app.calls.logCall(c, jonas.id, { outcome: 'no_answer' });
  on('2027-03-18T09:00:00+02:00');
  await t.app.escalations.raise(c, jonas.id, { type: 'incident', whatHappened: 'Grasino' });

  // B: over the DST change and Easter Monday.
  on('2027-03-26T15:05:00+02:00');
  const b = await register('B', phoneRequest({ kind: 'question', receivedAt: '2027-03-26T15:00:00+02:00' }), ona.id);
  on('2027-03-30T10:30:00+03:00');
  await t.app.inquiries.recordFirstReply(b, ona.id);

  // E: April.
  on('2027-04-07T09:05:00+03:00');
  await register('E', phoneRequest({ receivedAt: '2027-04-07T09:00:00+03:00' }), jonas.id);

  on('2027-04-12T10:00:00+03:00');
  await settled();
  march = t.app.quality.periodOf('month', new Date('2027-03-20T12:00:00+02:00'), 'current');
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

const institution: ReportScope = { kind: 'institution' };

describe('R60.internal: quality figures for a month, with the month before beside them', () => {
  let report: QualityReport;
  beforeAll(async () => {
    report = await t.app.quality.report(march, institution);
  });

  it('R60.internal: the month and the previous equal period are local calendar months', () => {
    expect(report.period).toEqual({ from: new Date('2027-03-01T00:00:00+02:00'), to: new Date('2027-04-01T00:00:00+03:00') });
    expect(report.previousPeriod).toEqual({ from: new Date('2027-02-01T00:00:00+02:00'), to: new Date('2027-03-01T00:00:00+02:00') });
  });

  it('R60.internal: received, resolved and open; first replies on time (R14.reply-1wd) and their office-hours delay', () => {
    const { current, previous } = report.total;
    // Received in March: F (4th), A (10th), C (15th), B (26th) — not D, G, H (February), not E (April).
    expect(current.received).toBe(4);
    // Resolved in March: D (its latest resolution, 10th) and A (15th); H was resolved in February.
    expect(current.resolved).toBe(2);
    // Open on 1 April: B, C, F and G (never claimed).
    expect(current.open).toBe(4);
    // Due in March: A (Fri 12th 16:00: Thursday is a holiday), F (Fri 5th 09:00), C (Tue 16th 17:00: received after
    // hours, so the whole Tuesday), B (Tue 30th 15:00: Easter Monday skipped). All but C in time: 3 / 4.
    expect(current.firstReplyOnTimeShare).toBe(0.75);
    // Office minutes of the replies sent in March:
    //   F  09:00 → 09:30                                   =  30
    //   A  Wed 16:00–17:00 (60) + Thu holiday (0) + Fri 08:00–09:00 (60)               = 120
    //   B  Fri 15:00–17:00 (120) + weekend + Easter Monday + Tue 08:00–10:30 +03:00 (150) = 270
    //   C  Mon after 17:00 (0) + Tue 08:00–17:00 (540) + Wed 08:00–09:00 (60)             = 600
    // median of 30, 120, 270, 600 = (120 + 270) / 2 = 195; 90th percentile: position 0.9 × 3 = 2.7 → 270 + 0.7 × 330 = 501
    expect(current.firstReplyMedianOfficeMinutes).toBe(195);
    expect(current.firstReplyP90OfficeMinutes).toBeCloseTo(501, 6);
    // February: G (due Tue 2nd, never answered) late, D (holding reply) and H in time: 2 / 3; delays D 60, H 120.
    expect(previous).toMatchObject({ received: 3, resolved: 1, open: 2, firstReplyMedianOfficeMinutes: 90 });
    expect(previous.firstReplyOnTimeShare).toBeCloseTo(2 / 3, 10);
    // 60 + 0.9 × (120 − 60) = 114
    expect(previous.firstReplyP90OfficeMinutes).toBeCloseTo(114, 6);
  });

  it('R60.internal: resolved by the promised or statutory date (R14.holding-reply, R59.statutory)', () => {
    // A by its statutory date; D after the date its holding reply promised (Fri 5th 17:00): 1 / 2.
    expect(report.total.current.resolvedOnTimeShare).toBe(0.5);
    // February resolved only H, a question without a date: nothing to divide.
    expect(report.total.previous.resolvedOnTimeShare).toBeNull();
  });

  it('R60.internal: overdue, escalations, incidents, missed callbacks (R31), summaries (R48), reopened', () => {
    expect(report.total.current).toMatchObject({
      overdue: 1, // C's first reply, due Tue 16th 17:00
      escalatedConflicts: 1, // D, 2nd
      incidents: 1, // C, 18th
      missedCallbacks: 1, // C's retry, 17th
      summariesOnTimeShare: 0, // D's summary due Wed 3rd 11:00 (two working days after Mon 11:00), sent Thu 4th
      reopened: 1, // D, 9th
    });
    expect(report.total.previous).toMatchObject({ overdue: 0, escalatedConflicts: 0, incidents: 0, missedCallbacks: 0, summariesOnTimeShare: null, reopened: 0 });
  });

  it('R60.internal: client ratings (R60.external) and the satisfaction index (avg − 1) / 4 × 100', () => {
    // D 2 (10th), A 5 (15th), both recorded by staff: average 3.5, index (3.5 − 1) / 4 × 100 = 62.5 → 63.
    expect(report.total.current.ratings).toEqual({
      requested: 2,
      answered: 2,
      responseRate: 1,
      average: 3.5,
      distribution: [0, 1, 0, 0, 1],
      satisfactionIndex: 63,
    });
    expect(report.total.previous.ratings).toMatchObject({ requested: 0, answered: 0, responseRate: null, average: null, satisfactionIndex: null });
  });

  it('R60.internal: per representative, channel and kind; an inquiry nobody owns is in the totals only', () => {
    expect(report.byRepresentative.map((group) => group.staffId).sort()).toEqual([staff.ona.id, staff.jonas.id, staff.rasa.id, staff.manager.id].sort());
    const ona = report.byRepresentative.find((group) => group.staffId === staff.ona.id)!;
    expect(ona.current).toMatchObject({ received: 2, resolved: 1, open: 1, firstReplyOnTimeShare: 1 });
    const jonas = report.byRepresentative.find((group) => group.staffId === staff.jonas.id)!;
    // Jonas's April inquiry (E) is not in March.
    expect(jonas.current).toMatchObject({ received: 1, overdue: 1, incidents: 1, missedCallbacks: 1, firstReplyOnTimeShare: 0, firstReplyMedianOfficeMinutes: 600 });
    const email = report.byChannel.find((group) => group.channel === 'email')!;
    // F, A, C; all three replies due in March were A (in time), F (in time), C (late).
    expect(email.current).toMatchObject({ received: 3, firstReplyMedianOfficeMinutes: 120 });
    expect(report.byChannel.find((group) => group.channel === 'web')!.current).toMatchObject({ received: 0, open: 1 });
    expect(report.byKind.find((group) => group.kind === 'request')!.current).toMatchObject({ received: 2, resolved: 2 });
    expect(report.byKind.find((group) => group.kind === 'question')!.current).toMatchObject({ received: 2, resolved: 0 });
  });

  it('R60.internal: the trend has a point per local day of March', () => {
    expect(report.trend).toHaveLength(31);
    const day = (n: number) => report.trend[n - 1];
    expect(day(4)).toMatchObject({ received: 1, resolved: 0 });
    expect(day(10)).toMatchObject({ received: 1, resolved: 1 });
    expect(day(15)).toMatchObject({ received: 1, resolved: 1 });
    expect(day(26)).toMatchObject({ received: 1 });
    expect(day(16).firstReplyOnTimeShare).toBe(0);
    expect(day(12).firstReplyOnTimeShare).toBe(1);
    expect(day(1)).toMatchObject({ received: 0, resolved: 0, firstReplyOnTimeShare: null });
    expect(report.trend.reduce((sum, point) => sum + point.received, 0)).toBe(4);
  });
});

describe('R60.internal: scopes', () => {
  it('R60.internal: a representative sees only their own inquiries — not a colleague’s, not another month’s', async () => {
    const report = await t.app.quality.report(march, { kind: 'representative', staffId: staff.ona.id });
    expect(report.byRepresentative.map((group) => group.staffId)).toEqual([staff.ona.id]);
    // A and B; C (Jonas), F (Vida), D (Rasa) are not counted.
    expect(report.total.current).toMatchObject({
      received: 2,
      resolved: 1,
      open: 1,
      firstReplyOnTimeShare: 1,
      // median of 120 and 270; 90th percentile 120 + 0.9 × 150 = 255
      firstReplyMedianOfficeMinutes: 195,
      resolvedOnTimeShare: 1,
      overdue: 0,
      escalatedConflicts: 0,
      incidents: 0,
      missedCallbacks: 0,
      reopened: 0,
      summariesOnTimeShare: null,
    });
    expect(report.total.current.firstReplyP90OfficeMinutes).toBeCloseTo(255, 6);
    expect(report.total.current.ratings).toMatchObject({ requested: 1, average: 5, satisfactionIndex: 100 });
    // February: H only.
    expect(report.total.previous).toMatchObject({ received: 1, resolved: 1, open: 0, firstReplyMedianOfficeMinutes: 120 });
    expect(report.byChannel.map((group) => group.channel).sort()).toEqual(['email', 'phone']);
  });

  it('R60.internal: a team is the people the manager manages directly — not the manager’s own, not nobody’s', async () => {
    const report = await t.app.quality.report(march, { kind: 'team', managerId: staff.manager.id });
    expect(report.byRepresentative.map((group) => group.staffId).sort()).toEqual([staff.ona.id, staff.jonas.id, staff.rasa.id].sort());
    // A, B, C received; F (Vida's) and G (nobody's) are not counted.
    expect(report.total.current).toMatchObject({ received: 3, resolved: 2, open: 2, resolvedOnTimeShare: 0.5, overdue: 1, reopened: 1 });
    // replies 120, 270, 600: median 270, 90th percentile 270 + 0.8 × 330 = 534
    expect(report.total.current.firstReplyMedianOfficeMinutes).toBe(270);
    expect(report.total.current.firstReplyP90OfficeMinutes).toBeCloseTo(534, 6);
    expect(report.total.current.firstReplyOnTimeShare).toBeCloseTo(2 / 3, 10);
  });

  it('R60.internal: a representative with nothing in the period is still in their own report, with zeros', async () => {
    const report = await t.app.quality.report(march, { kind: 'representative', staffId: staff.rasa.id });
    const feb = await t.app.quality.report(report.previousPeriod, { kind: 'representative', staffId: staff.jonas.id });
    expect(feb.byRepresentative).toEqual([{ staffId: staff.jonas.id, current: feb.total.current, previous: feb.total.previous }]);
    expect(feb.total.current.received).toBe(0);
    expect(feb.total.current.firstReplyOnTimeShare).toBeNull();
  });
});

describe('R60.internal: weeks in the institution’s calendar', () => {
  it('R60.internal: the week of the DST change runs Monday 00:00 to Monday 00:00 local, compared with the week before', async () => {
    const week = t.app.quality.periodOf('week', new Date('2027-03-27T12:00:00+02:00'), 'current');
    expect(week).toEqual({ from: new Date('2027-03-22T00:00:00+02:00'), to: new Date('2027-03-29T00:00:00+03:00') });
    const report = await t.app.quality.report(week, institution);
    expect(report.previousPeriod).toEqual({ from: new Date('2027-03-15T00:00:00+02:00'), to: new Date('2027-03-22T00:00:00+02:00') });
    // B this week; C (Mon 15th 18:30) the week before.
    expect(report.total.current.received).toBe(1);
    expect(report.total.previous.received).toBe(1);
    expect(report.trend).toHaveLength(7);
    // 'last' on the Monday after is the same week.
    expect(t.app.quality.periodOf('week', new Date('2027-03-29T09:00:00+03:00'), 'last')).toEqual(week);
  });
});

describe('R60.internal: CSV rows', () => {
  async function collect(scope: ReportScope): Promise<QualityRow[]> {
    const rows: QualityRow[] = [];
    for await (const row of t.app.quality.rows(march, scope)) rows.push(row);
    return rows;
  }

  it('R60.internal: one row per inquiry received in the period, with every input a figure is made of, and no client data', async () => {
    const rows = await collect(institution);
    expect(rows.map((row) => row.receivedAt.toISOString())).toEqual(
      ['2027-03-04T09:00:00+02:00', '2027-03-10T16:00:00+02:00', '2027-03-15T18:30:00+02:00', '2027-03-26T15:00:00+02:00'].map((at) => new Date(at).toISOString()),
    );
    const c = rows[2];
    expect(c).toEqual({
      registryNumber: expect.stringMatching(/^2027-\d{6}$/),
      channel: 'email',
      kind: 'request',
      ownerId: staff.jonas.id,
      receivedAt: new Date('2027-03-15T18:30:00+02:00'),
      firstReplyDue: new Date('2027-03-16T17:00:00+02:00'),
      firstReplyAt: new Date('2027-03-17T09:00:00+02:00'),
      firstReplyOfficeMinutes: 600,
      resolutionDue: expect.any(Date),
      resolvedAt: null,
      overdue: true,
      escalatedConflicts: 0,
      incidents: 1,
      missedCallbacks: 1,
      summariesDue: 0,
      summariesOnTime: 0,
      reopened: 0,
      ratingScore: null,
    });
    expect(rows[1]).toMatchObject({ firstReplyOfficeMinutes: 120, ratingScore: 5, overdue: false });
    expect(rows[3]).toMatchObject({ channel: 'phone', firstReplyOfficeMinutes: 270, resolutionDue: null });
    const text = JSON.stringify(rows);
    for (const personal of ['Giedrė', 'Žemaitienė', 'giedre@example.lt', 'Rūta', '+37060012345', 'Dėl vietos']) expect(text).not.toContain(personal);
  });

  it('R60.internal: a representative’s rows are their own', async () => {
    const rows = await collect({ kind: 'representative', staffId: staff.ona.id });
    expect(rows.map((row) => row.ownerId)).toEqual([staff.ona.id, staff.ona.id]);
  });
});

describe('R60.internal: the quality facts are kept once per event', () => {
  it('R60.internal: re-delivering every event of the month counts nothing twice', async () => {
    const before = await t.app.quality.report(march, institution);
    const rowsBefore = await t.app.dataSource.query('SELECT count(*)::int AS n FROM quality_marks');
    // The outbox delivers at least once: hand every quality event to the consumer again.
    const redelivered = await t.app.dataSource.query(
      `UPDATE outbox SET delivered_at = NULL, next_attempt_at = now() WHERE consumer = 'quality' RETURNING id`,
    );
    expect(redelivered[0].length).toBeGreaterThan(30);
    t.app.outbox.wake();
    await settled();
    expect(await t.app.dataSource.query('SELECT count(*)::int AS n FROM quality_marks')).toEqual(rowsBefore);
    expect(await t.app.quality.report(march, institution)).toEqual(before);
  });
});
