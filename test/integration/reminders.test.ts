import { createTestDatabase } from '../support/database.js';
import { fireAt, noticeJobsOf as jobsOf, replan } from '../support/jobs.js';
import { emailedRequest, eventually, ManualClock, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';

const local = (iso: string) => new Date(iso).toISOString();

describe('scheduling', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof seedStaff>>;
  const clock = new ManualClock(new Date('2027-03-01T15:00:00+02:00'));
  const recorder = new RecordingNotifier();

  beforeAll(async () => {
    t = await startTestApp({ clock, notifiers: [recorder] });
    staff = await seedStaff(t.app);
  });
  afterAll(() => t.stop());

  it('R14.reply-1wd: registration schedules a reminder 2 office hours before the reply deadline and an overdue notice at it', async () => {
    // Monday 09:00 → due Tuesday 09:00; two office hours before is Monday 16:00.
    const { inquiry } = await t.app.inquiries.register(emailedRequest({ receivedAt: '2027-03-01T09:00:00+02:00' }));
    const jobs = await eventually(async () => {
      const rows = await jobsOf(t.app, inquiry.id);
      expect(rows).toHaveLength(6);
      return rows;
    });
    const firstReply = jobs.filter((job) => job.data.deadline === 'first_reply');
    expect(firstReply.map((job) => [job.data.stage, job.next_run_at.toISOString()])).toEqual([
      ['overdue', local('2027-03-02T09:00:00+02:00')],
      ['reminder', local('2027-03-01T16:00:00+02:00')],
    ]);
    // R4.owner: nobody claimed it within one office hour → announced again at 10:00, and to the manager on duty 120 office minutes later.
    expect(jobs.filter((job) => job.data.deadline === 'claim').map((job) => [job.data.stage, job.next_run_at.toISOString()])).toEqual([
      ['escalate', local('2027-03-01T12:00:00+02:00')],
      ['overdue', local('2027-03-01T10:00:00+02:00')],
    ]);
    // R59.statutory: 20 working days for a formal request.
    expect(jobs.find((job) => job.data.deadline === 'resolution' && job.data.stage === 'overdue')!.data.dueAt).toBe(
      inquiry.statutoryDue!.toISOString(),
    );
  });

  it('R14.reply-1wd / R14.holding-reply: the first reply cancels the reply reminders; a holding reply moves the resolution ones', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await eventually(async () => expect(await jobsOf(t.app, inquiry.id)).toHaveLength(6));
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    const promised = new Date('2027-03-05T12:00:00+02:00');
    await t.app.inquiries.sendHoldingReply(inquiry.id, staff.ona.id, promised);
    await eventually(async () => {
      const jobs = await jobsOf(t.app, inquiry.id);
      expect(jobs.map((job) => [job.data.deadline, job.data.stage, job.data.dueAt])).toEqual([
        ['resolution', 'escalate', promised.toISOString()],
        ['resolution', 'overdue', promised.toISOString()],
        ['resolution', 'reminder', promised.toISOString()],
      ]);
    });
    await t.app.inquiries.resolve(inquiry.id, staff.ona.id);
    await eventually(async () => expect(await jobsOf(t.app, inquiry.id)).toHaveLength(0));
  });

  it('R14.reply-1wd: a due reminder reaches the owner once; running its job again says nothing more', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    await eventually(async () => expect(await jobsOf(t.app, inquiry.id)).toHaveLength(6));
    await fireAt(t.app, inquiry.id, 'first_reply', 'reminder', new Date());
    const reminders = () => recorder.ofType('reminder_due').filter((event) => event.inquiryId === inquiry.id);
    await eventually(() => expect(reminders()).toHaveLength(1));
    expect(reminders()[0]).toMatchObject({ deadline: 'first_reply', recipientId: staff.ona.id, dueAt: inquiry.firstReplyDue.toISOString() });

    await replan(t.app, { inquiryId: inquiry.id, deadline: 'first_reply', stage: 'reminder', dueAt: inquiry.firstReplyDue });
    await fireAt(t.app, inquiry.id, 'first_reply', 'overdue', new Date());
    await eventually(() => expect(recorder.ofType('overdue').filter((event) => event.inquiryId === inquiry.id)).toHaveLength(1));
    expect(reminders()).toHaveLength(1);
  });

  it('R14.reply-1wd: a reminder due at night is not delivered; its job waits for the next opening', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await eventually(async () => expect(await jobsOf(t.app, inquiry.id)).toHaveLength(6));
    clock.set('2027-03-06T11:00:00+02:00'); // Saturday
    try {
      await fireAt(t.app, inquiry.id, 'first_reply', 'reminder', new Date());
      await eventually(async () => {
        const job = (await jobsOf(t.app, inquiry.id)).find((row) => row.data.deadline === 'first_reply' && row.data.stage === 'reminder');
        expect(job!.next_run_at.toISOString()).toBe(local('2027-03-08T08:00:00+02:00'));
      });
      expect(recorder.events.filter((event) => event.inquiryId === inquiry.id && event.type === 'reminder_due')).toHaveLength(0);
    } finally {
      clock.set('2027-03-01T15:00:00+02:00');
    }
  });

  it('R14.reply-1wd: a reminder held over to the next opening, when the deadline has passed by then, says nothing; the overdue notice does', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    const reminder = { inquiryId: inquiry.id, deadline: 'first_reply' as const, stage: 'reminder' as const, dueAt: inquiry.firstReplyDue };
    clock.set(new Date(inquiry.firstReplyDue.getTime() + 60_000).toISOString());
    try {
      expect(await t.app.notices.notify(reminder)).toEqual({ outcome: 'stale' });
      expect(await t.app.notices.notify({ ...reminder, stage: 'overdue' })).toEqual({ outcome: 'sent' });
      await eventually(() => expect(recorder.ofType('overdue').filter((event) => event.inquiryId === inquiry.id)).toHaveLength(1));
      expect(recorder.ofType('reminder_due').filter((event) => event.inquiryId === inquiry.id)).toHaveLength(0);
    } finally {
      clock.set('2027-03-01T15:00:00+02:00');
    }
  });

  it('R14.reply-1wd: an overdue notice goes out at night only when configured to', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    const saturday = new ManualClock(new Date('2027-03-06T23:00:00+02:00'));
    const request = { inquiryId: inquiry.id, deadline: 'first_reply' as const, stage: 'overdue' as const, dueAt: inquiry.firstReplyDue };
    const nightOwl = await startTestApp({ clock: saturday, notifiers: [] }, t.database, { OVERDUE_OUTSIDE_OFFICE_HOURS: 'true' });
    try {
      const quiet = await startTestApp({ clock: saturday, notifiers: [] }, t.database);
      try {
        expect(await quiet.app.notices.notify(request)).toEqual({ outcome: 'deferred', at: new Date('2027-03-08T08:00:00+02:00') });
      } finally {
        await quiet.app.stop();
      }
      expect(await nightOwl.app.notices.notify(request)).toEqual({ outcome: 'sent' });
      expect(await nightOwl.app.notices.notify(request)).toEqual({ outcome: 'duplicate' });
    } finally {
      await nightOwl.app.stop();
    }
  });
});

describe('stalls: what stays overdue or unclaimed goes up to a manager (issue #13)', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof seedStaff>>;
  const clock = new ManualClock(new Date('2027-03-01T15:00:00+02:00'));
  const recorder = new RecordingNotifier();
  const stagesOf = async (inquiryId: string, deadline: string) =>
    (await jobsOf(t.app, inquiryId)).filter((job) => job.data.deadline === deadline).map((job) => [job.data.stage, job.next_run_at.toISOString()]);

  beforeAll(async () => {
    t = await startTestApp({ clock, notifiers: [recorder] });
    staff = await seedStaff(t.app);
  });
  afterAll(() => t.stop());
  afterEach(() => clock.set('2027-03-01T15:00:00+02:00'));

  it('R14.reply-1wd / R4.owner: a claimed inquiry’s first reply goes up 4 office hours after its deadline; delivered once, naming the owner’s manager', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    // Due Tuesday 09:00 → still overdue at 13:00 goes to vida.
    await eventually(async () => expect(await stagesOf(inquiry.id, 'first_reply')).toEqual([
      ['escalate', local('2027-03-02T13:00:00+02:00')],
      ['overdue', local('2027-03-02T09:00:00+02:00')],
      ['reminder', local('2027-03-01T16:00:00+02:00')],
    ]));
    clock.set('2027-03-02T13:00:00+02:00');
    await fireAt(t.app, inquiry.id, 'first_reply', 'escalate');
    const escalated = () => recorder.ofType('overdue_escalated').filter((event) => event.inquiryId === inquiry.id);
    await eventually(() => expect(escalated()).toHaveLength(1));
    expect(escalated()[0]).toMatchObject({ deadline: 'first_reply', dueAt: inquiry.firstReplyDue.toISOString(), ownerId: staff.ona.id, managerId: staff.manager.id, actorId: null });
    // Idempotent: the job run again (a crash after sending, a second instance) says nothing more.
    expect(await t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'first_reply', stage: 'escalate', dueAt: inquiry.firstReplyDue })).toEqual({ outcome: 'duplicate' });
    // Audited: the timeline has it.
    const { timeline } = await t.app.queries.get(inquiry.id);
    expect(timeline.filter((entry) => entry.action === 'overdue_escalated')).toHaveLength(1);
  });

  it('R14.reply-1wd: answered in time → the escalation is cancelled: its job removed, and a late run of it says nothing', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    await eventually(async () => expect((await stagesOf(inquiry.id, 'first_reply')).map(([stage]) => stage)).toContain('escalate'));
    await t.app.inquiries.recordFirstReply(inquiry.id, staff.ona.id);
    await eventually(async () => expect(await stagesOf(inquiry.id, 'first_reply')).toEqual([]));
    clock.set('2027-03-02T13:00:00+02:00');
    expect(await t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'first_reply', stage: 'escalate', dueAt: inquiry.firstReplyDue })).toEqual({ outcome: 'stale' });
    // The resolution still goes up if it is missed: only what was met is cancelled.
    // The same deadlines_changed event rewrites the resolution jobs too; wait until it has been taken in whole.
    await eventually(async () => expect((await stagesOf(inquiry.id, 'resolution')).map(([stage]) => stage)).toEqual(['escalate', 'overdue', 'reminder']));
  });

  it('R4.owner: unclaimed → the manager-on-duty stage is scheduled; claimed → it is cancelled', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await eventually(async () => expect(await stagesOf(inquiry.id, 'claim')).toEqual([
      ['escalate', local('2027-03-01T12:00:00+02:00')],
      ['overdue', local('2027-03-01T10:00:00+02:00')],
    ]));
    await t.app.inquiries.claim(inquiry.id, staff.jonas.id);
    await eventually(async () => expect(await stagesOf(inquiry.id, 'claim')).toEqual([]));
    const claimDue = new Date('2027-03-01T10:00:00+02:00');
    expect(await t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'claim', stage: 'escalate', dueAt: claimDue })).toEqual({ outcome: 'stale' });
  });

  it('R4.owner: still unclaimed → every active manager when no manager on duty is set; once', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await eventually(async () => expect((await stagesOf(inquiry.id, 'claim')).length).toBe(2));
    await fireAt(t.app, inquiry.id, 'claim', 'escalate');
    const escalated = () => recorder.ofType('unclaimed_escalated').filter((event) => event.inquiryId === inquiry.id);
    await eventually(() => expect(escalated()).toHaveLength(1));
    expect(escalated()[0]).toMatchObject({ managerIds: [staff.manager.id], actorId: null });
    expect(await t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'claim', stage: 'escalate', dueAt: new Date('2027-03-01T10:00:00+02:00') })).toEqual({ outcome: 'duplicate' });
  });

  it('R4.owner: MANAGER_ON_DUTY_EMAIL names the one told; outside office hours it waits for the opening', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    const request = { inquiryId: inquiry.id, deadline: 'claim' as const, stage: 'escalate' as const, dueAt: new Date('2027-03-01T10:00:00+02:00') };
    const night = new ManualClock(new Date('2027-03-01T20:00:00+02:00'));
    const onDuty = await startTestApp({ clock: night, notifiers: [] }, t.database, { MANAGER_ON_DUTY_EMAIL: 'jonas@daigelis.lt' });
    try {
      expect(await onDuty.app.notices.notify(request)).toEqual({ outcome: 'deferred', at: new Date('2027-03-02T08:00:00+02:00') });
      night.set('2027-03-02T08:00:00+02:00');
      expect(await onDuty.app.notices.notify(request)).toEqual({ outcome: 'sent' });
      const { timeline } = await onDuty.app.queries.get(inquiry.id);
      expect(timeline.find((entry) => entry.action === 'unclaimed_escalated')?.details).toMatchObject({ managerIds: [staff.jonas.id] });
    } finally {
      await onDuty.app.stop();
    }
  });
});

describe('durability', () => {
  const clock = new ManualClock(new Date('2027-03-01T15:00:00+02:00'));

  it('R14.reply-1wd: a reminder scheduled before the scheduler stopped fires once after it starts again', async () => {
    const database = await createTestDatabase();
    const before = new RecordingNotifier('chat');
    const first = await startTestApp({ clock, notifiers: [before] }, database);
    const { inquiry } = await first.app.inquiries.register(emailedRequest());
    await eventually(async () => expect(await jobsOf(first.app, inquiry.id)).toHaveLength(6));
    await fireAt(first.app, inquiry.id, 'first_reply', 'reminder', new Date(Date.now() + 1_500));
    await first.app.stop();

    const after = new RecordingNotifier('chat');
    const second = await startTestApp({ clock, notifiers: [after] }, database);
    try {
      await eventually(() => expect(after.ofType('reminder_due')).toHaveLength(1));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect([...before.ofType('reminder_due'), ...after.ofType('reminder_due')]).toHaveLength(1);
    } finally {
      await second.app.stop();
      await database.drop();
    }
  });

  it('R14.reply-1wd: two instances on one database deliver a reminder exactly once', async () => {
    const database = await createTestDatabase();
    const left = new RecordingNotifier('chat');
    const right = new RecordingNotifier('chat');
    const a = await startTestApp({ clock, notifiers: [left] }, database);
    const b = await startTestApp({ clock, notifiers: [right] }, database);
    try {
      const inquiries = await Promise.all([1, 2, 3, 4, 5].map(() => a.app.inquiries.register(emailedRequest())));
      for (const { inquiry } of inquiries) {
        await eventually(async () => expect(await jobsOf(a.app, inquiry.id)).toHaveLength(6));
        await fireAt(b.app, inquiry.id, 'first_reply', 'reminder', new Date(Date.now() + 1_000));
      }
      const delivered = () => [...left.ofType('reminder_due'), ...right.ofType('reminder_due')];
      await eventually(() => expect(delivered()).toHaveLength(5));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(delivered().map((event) => event.inquiryId).sort()).toEqual(inquiries.map(({ inquiry }) => inquiry.id).sort());
      const [{ count }] = await a.app.dataSource.query(`SELECT count(*)::int AS count FROM deadline_notices WHERE stage = 'reminder'`);
      expect(count).toBe(5);
    } finally {
      await a.app.stop();
      await b.app.stop();
      await database.drop();
    }
  });
});
