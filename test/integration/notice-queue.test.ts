import { PostgresNoticeQueue } from '../../src/persistence/notice-queue.postgres.js';
import { emailedRequest, eventually, ManualClock, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';
import { noticeJobsOf } from '../support/jobs.js';

/**
 * Issue #16: the planned notices live in `notice_schedule` and are taken in batches with a lease. These are the
 * moments a process can die or be overtaken in, each with its defined outcome: nothing lost, nothing told twice.
 */
describe('notice queue: crashes and races (issue #16)', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2027-03-01T15:00:00+02:00'));
  const recorder = new RecordingNotifier();
  let queue: PostgresNoticeQueue;

  beforeAll(async () => {
    t = await startTestApp({ clock, notifiers: [recorder] });
    await seedStaff(t.app);
    queue = new PostgresNoticeQueue(t.app.dataSource);
  });
  afterAll(() => t.stop());

  /** A registered inquiry whose plan the scheduler has written, and its first-reply reminder made due now. */
  async function dueReminder(): Promise<string> {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await eventually(async () => expect(await noticeJobsOf(t.app, inquiry.id)).toHaveLength(6));
    await t.app.dataSource.query(
      `UPDATE notice_schedule SET run_at = now() - interval '1 second' WHERE inquiry_id = $1 AND deadline = 'first_reply' AND stage = 'reminder'`,
      [inquiry.id],
    );
    return inquiry.id;
  }

  const takeOwn = async (inquiryId: string) => {
    for (let tries = 0; tries < 50; tries += 1) {
      const taken = (await queue.takeDue(500, 60_000)).filter((notice) => notice.inquiryId === inquiryId && notice.stage === 'reminder');
      if (taken.length > 0) return taken[0]!;
    }
    throw new Error('the reminder was not taken');
  };
  const remindersOf = (inquiryId: string) => recorder.ofType('reminder_due').filter((event) => event.inquiryId === inquiryId);

  it('R14.reply-1wd: a sweep that died after taking a notice (lease) → another sweep takes it once the lease is over, and it is told once', async () => {
    const inquiryId = await dueReminder();
    const taken = await takeOwn(inquiryId);
    // While the lease stands, nobody else takes it.
    expect((await queue.takeDue(500, 60_000)).filter((notice) => notice.inquiryId === inquiryId && notice.stage === 'reminder')).toEqual([]);
    // The lease runs out (the process that held it is gone): the next sweep takes it and the domain tells it.
    await t.app.dataSource.query(`UPDATE notice_schedule SET taken_until = now() - interval '1 second' WHERE inquiry_id = $1 AND stage = 'reminder'`, [inquiryId]);
    await t.app.scheduler.sweepAt(new Date());
    await eventually(() => expect(remindersOf(inquiryId)).toHaveLength(1));
    expect(taken.attempts).toBe(1);
    await eventually(async () => expect((await noticeJobsOf(t.app, inquiryId)).filter((job) => job.data.stage === 'reminder' && job.data.deadline === 'first_reply')).toEqual([]));
  });

  it('R14.reply-1wd: a sweep that died after recording a notice but before settling it → taken again, it is a duplicate and says nothing', async () => {
    const inquiryId = await dueReminder();
    const taken = await takeOwn(inquiryId);
    expect(await t.app.notices.notifyMany([taken])).toEqual([{ outcome: 'sent' }]);
    await eventually(() => expect(remindersOf(inquiryId)).toHaveLength(1));
    // Never settled: the row is still there, taken. Its lease runs out and a sweep runs it again.
    await t.app.dataSource.query(`UPDATE notice_schedule SET taken_until = now() - interval '1 second' WHERE inquiry_id = $1 AND stage = 'reminder'`, [inquiryId]);
    await t.app.scheduler.sweepAt(new Date());
    await eventually(async () => expect((await noticeJobsOf(t.app, inquiryId)).filter((job) => job.data.stage === 'reminder' && job.data.deadline === 'first_reply')).toEqual([]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(remindersOf(inquiryId)).toHaveLength(1);
    const [{ count }] = await t.app.dataSource.query(`SELECT count(*)::int AS count FROM inquiry_timeline WHERE inquiry_id = $1 AND action = 'reminder_due'`, [inquiryId]);
    expect(count).toBe(1);
  });

  it('R14.reply-1wd: the plan rewritten while a sweep holds the old notice → settling the old one leaves the new plan standing', async () => {
    const inquiryId = await dueReminder();
    const taken = await takeOwn(inquiryId);
    const later = new Date('2027-03-05T12:00:00+02:00');
    await queue.plan(inquiryId, [{ deadline: 'first_reply', stage: 'reminder', dueAt: later, runAt: later }]);
    await queue.settle([taken], []);
    const left = await noticeJobsOf(t.app, inquiryId);
    expect(left.map((job) => [job.data.deadline, job.data.stage, job.data.dueAt, job.next_run_at.toISOString()])).toEqual([
      ['first_reply', 'reminder', later.toISOString(), later.toISOString()],
    ]);
    // And the plan replaced the whole set: the other deadlines' notices it no longer names are gone.
    expect(left).toHaveLength(1);
  });

  it('R14.reply-1wd: a batch with a notice for an inquiry that is gone → that one is stale, the others are told', async () => {
    const inquiryId = await dueReminder();
    const taken = await takeOwn(inquiryId);
    const outcomes = await t.app.notices.notifyMany([{ ...taken, inquiryId: '00000000-0000-4000-8000-000000000000' }, taken]);
    expect(outcomes).toEqual([{ outcome: 'stale' }, { outcome: 'sent' }]);
    await eventually(() => expect(remindersOf(inquiryId)).toHaveLength(1));
  });

  it('R14.reply-1wd: an instant beyond the horizon gets no agenda job of its own; once inside it, the refill asks for it', async () => {
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await eventually(async () => expect(await noticeJobsOf(t.app, inquiry.id)).toHaveLength(6));
    const wakeJobs = async (): Promise<string[]> =>
      (await t.app.dataSource.query(`SELECT data->>'at' AS at FROM agenda_jobs WHERE name = 'notice-sweep' AND data ? 'at'`)).map((row: { at: string }) => row.at);
    // The test clock is in 2027: every planned instant is months ahead of the engine's real time.
    const planned: Array<{ run_at: Date }> = await t.app.dataSource.query('SELECT run_at FROM notice_schedule WHERE inquiry_id = $1', [inquiry.id]);
    const asked = await wakeJobs();
    expect(planned.filter((row) => asked.includes(row.run_at.toISOString()))).toEqual([]);
    // One of them moves to ten minutes from now, inside the horizon: the next refill asks for it.
    const soon = new Date(Math.ceil((Date.now() + 10 * 60_000) / 1000) * 1000);
    await t.app.dataSource.query(`UPDATE notice_schedule SET run_at = $2 WHERE inquiry_id = $1 AND deadline = 'first_reply' AND stage = 'reminder'`, [inquiry.id, soon]);
    await t.app.scheduler.now('notice-wake-refill');
    await eventually(async () => expect(await wakeJobs()).toContain(soon.toISOString()));
  });
});
