import { emailedRequest, eventually, ManualClock, RecordingNotifier, seedStaff, startTestApp } from '../support/app.js';

const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));

it('R12.records: a notifier that fails 5 times still gets every event exactly once, in order per inquiry', async () => {
  const flaky = new RecordingNotifier('flaky', 5);
  const steady = new RecordingNotifier('steady');
  const t = await startTestApp({ clock, notifiers: [flaky, steady] });
  try {
    const staff = await seedStaff(t.app);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { inquiry } = await t.app.inquiries.register(emailedRequest());
      await t.app.inquiries.claim(inquiry.id, staff.ona.id);
      await t.app.inquiries.recordFirstReply(inquiry.id, staff.ona.id);
      await t.app.inquiries.resolve(inquiry.id, staff.ona.id);
      ids.push(inquiry.id);
    }
    const expected = ['registered', 'claimed', 'first_reply_sent', 'resolved'];
    await eventually(() => {
      for (const id of ids) {
        for (const notifier of [flaky, steady]) {
          expect(notifier.events.filter((event) => event.inquiryId === id).map((event) => event.type)).toEqual(expected);
        }
      }
    });
    expect(flaky.events).toHaveLength(12);
    expect(flaky.attempts).toBe(12 + 5);
    // One consumer's failures hold back neither another consumer nor repeat its deliveries.
    expect(steady.events).toHaveLength(12);
    expect(steady.attempts).toBe(12);
    await eventually(async () => expect(await t.app.outbox.health()).toEqual({ pending: 0, failing: 0, oldestPendingSeconds: 0 }));
  } finally {
    await t.stop();
  }
});

it('R12.records: events written while the notifier is down wait in the outbox and are delivered after a restart', async () => {
  const down = new RecordingNotifier('chat', Number.POSITIVE_INFINITY);
  const first = await startTestApp({ clock, notifiers: [down] });
  const { inquiry } = await first.app.inquiries.register(emailedRequest());
  await eventually(() => expect(down.attempts).toBeGreaterThan(0));
  await first.app.stop();
  expect(down.events).toHaveLength(0);

  const up = new RecordingNotifier('chat');
  const second = await startTestApp({ clock, notifiers: [up] }, first.database);
  try {
    await eventually(() => expect(up.events.map((event) => [event.type, event.inquiryId])).toEqual([['registered', inquiry.id]]));
  } finally {
    await second.stop();
    await first.database.drop();
  }
});
