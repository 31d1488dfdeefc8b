import { eventually, ManualClock } from '../support/app.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';

let h: SlackHarness;
// Monday 15:00 in Vilnius: inside office hours, so overdue notices go out at once.
const clock = new ManualClock(new Date('2027-03-01T15:00:00+02:00'));

beforeAll(async () => {
  h = await startSlackHarness({ clock });
});
afterAll(() => h.stop());

it('R12.records: an event retried after its second post failed posts the first one once; the retry finds it by its metadata', async () => {
  const inquiry = await h.claimedBy(h.staff.ona.id);
  const thread = await h.announcementOf(inquiry.id);
  // The overdue notice DMs the owner, then notes it in the card's thread; that note fails once.
  h.api.failOnce('chat.postMessage', (body) => body.thread_ts === thread, { error: 'internal_error' });
  expect(await h.t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'first_reply', stage: 'overdue', dueAt: inquiry.firstReplyDue })).toEqual({ outcome: 'sent' });

  const about = (body: Record<string, any>) => String(body.text).includes(inquiry.registryNumber);
  await eventually(() => expect(h.api.ok('chat.postMessage', (body) => body.thread_ts === thread && about(body))).toHaveLength(1));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const dms = h.api.ok('chat.postMessage', (body) => body.channel === 'DONA00001' && about(body));
  expect(dms).toHaveLength(1);
  expect(dms[0]!.metadata).toEqual({ event_type: 'langelis_event', event_payload: { eventId: expect.any(String), inquiryId: inquiry.id, seq: 0 } });
  // The retry read the DM's history (with metadata) instead of posting it again.
  expect(h.api.ok('conversations.history', (body) => body.channel === 'DONA00001').map((body) => body.include_all_metadata)).toEqual(['true']);
  expect(h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && !body.thread_ts && about(body))).toHaveLength(1);
});
