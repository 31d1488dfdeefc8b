import { DEADLINE_NOTICE_JOB } from '../../src/jobs/deadline-notice.job.js';
import { createTestDatabase } from '../support/database.js';
import { fireAt, noticeJobsOf as jobsOf } from '../support/jobs.js';
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
      expect(rows).toHaveLength(5);
      return rows;
    });
    const firstReply = jobs.filter((job) => job.data.deadline === 'first_reply');
    expect(firstReply.map((job) => [job.data.stage, job.next_run_at.toISOString()])).toEqual([
      ['overdue', local('2027-03-02T09:00:00+02:00')],
      ['reminder', local('2027-03-01T16:00:00+02:00')],
    ]);
    // R4.owner: nobody claimed it within one office hour → announced again at 10:00.
    expect(jobs.filter((job) => job.data.deadline === 'claim').map((job) => [job.data.stage, job.next_run_at.toISOString()])).toEqual([
      ['overdue', local('2027-03-01T10:00:00+02:00')],
    ]);
    // R59.statutory: 20 working days for a formal request.
    expect(jobs.find((job) => job.data.deadline === 'resolution' && job.data.stage === 'overdue')!.data.dueAt).toBe(
      inquiry.statutoryDue!.toISOString(),
    );
  });

  it('R14.reply-1wd / R14.holding-reply: the first reply cancels the reply reminders; a holding reply moves the resolution ones', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await eventually(async () => expect(await jobsOf(t.app, inquiry.id)).toHaveLength(5));
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    const promised = new Date('2027-03-05T12:00:00+02:00');
    await t.app.inquiries.sendHoldingReply(inquiry.id, staff.ona.id, promised);
    await eventually(async () => {
      const jobs = await jobsOf(t.app, inquiry.id);
      expect(jobs.map((job) => [job.data.deadline, job.data.stage, job.data.dueAt])).toEqual([
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
    await eventually(async () => expect(await jobsOf(t.app, inquiry.id)).toHaveLength(4));
    await fireAt(t.app, inquiry.id, 'first_reply', 'reminder', new Date());
    const reminders = () => recorder.ofType('reminder_due').filter((event) => event.inquiryId === inquiry.id);
    await eventually(() => expect(reminders()).toHaveLength(1));
    expect(reminders()[0]).toMatchObject({ deadline: 'first_reply', recipientId: staff.ona.id, dueAt: inquiry.firstReplyDue.toISOString() });

    await t.app.scheduler.create(DEADLINE_NOTICE_JOB, {
      inquiryId: inquiry.id, deadline: 'first_reply', stage: 'reminder', dueAt: inquiry.firstReplyDue.toISOString(),
    }).schedule(new Date()).save();
    await fireAt(t.app, inquiry.id, 'first_reply', 'overdue', new Date());
    await eventually(() => expect(recorder.ofType('overdue').filter((event) => event.inquiryId === inquiry.id)).toHaveLength(1));
    expect(reminders()).toHaveLength(1);
  });

  it('R14.reply-1wd: a reminder due at night is not delivered; its job waits for the next opening', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await eventually(async () => expect(await jobsOf(t.app, inquiry.id)).toHaveLength(5));
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

describe('durability', () => {
  const clock = new ManualClock(new Date('2027-03-01T15:00:00+02:00'));

  it('R14.reply-1wd: a reminder scheduled before the scheduler stopped fires once after it starts again', async () => {
    const database = await createTestDatabase();
    const before = new RecordingNotifier('chat');
    const first = await startTestApp({ clock, notifiers: [before] }, database);
    const { inquiry } = await first.app.inquiries.register(emailedRequest());
    await eventually(async () => expect(await jobsOf(first.app, inquiry.id)).toHaveLength(5));
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
        await eventually(async () => expect(await jobsOf(a.app, inquiry.id)).toHaveLength(5));
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
