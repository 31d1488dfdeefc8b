import { emailedRequest, eventually, ManualClock } from '../support/app.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { blockAction } from './support/payloads.js';
import { postInteraction } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';

let h: SlackHarness;
// Monday 15:00 in Vilnius: inside office hours, so reminders and overdue notices go out at once.
const clock = new ManualClock(new Date('2027-03-01T15:00:00+02:00'));

beforeAll(async () => {
  h = await startSlackHarness({ clock });
});
afterAll(() => h.stop());
afterEach(() => expect(blockKitViolations(h.api.calls)).toEqual([]));



const dmsTo = (channel: string, registryNumber: string) => h.api.ok('chat.postMessage', (body) => body.channel === channel && String(body.text).includes(registryNumber));

describe('nudges', () => {
  it('R14.reply-1wd: before the reply deadline the owner gets a DM with Mark replied and Open; Mark replied works from there', async () => {
    const inquiry = await h.claimedBy(h.staff.ona.id);
    expect(await h.t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'first_reply', stage: 'reminder', dueAt: inquiry.firstReplyDue })).toEqual({ outcome: 'sent' });
    const [dm] = await eventually(() => {
      const found = dmsTo('DONA00001', inquiry.registryNumber);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(h.api.ok('conversations.open', (body) => body.users === 'UONA00001').length).toBeGreaterThan(0);
    expect(dm!.text).toBe(`Priminimas: į ${inquiry.registryNumber} reikia atsakyti iki rytoj 09:00.`);
    const buttons = dm!.blocks.find((block: any) => block.type === 'actions').elements;
    expect(buttons.map((button: any) => [button.action_id, button.text.text, button.value])).toEqual([
      ['mark_replied', 'Atsakyta', inquiry.id],
      ['details', 'Atidaryti', inquiry.id],
    ]);

    await postInteraction(h.events, blockAction('UONA00001', 'mark_replied', inquiry.id, { channel: 'DONA00001', ts: '1800000000.000001', blocks: dm!.blocks }));
    await eventually(async () => expect((await h.t.app.queries.get(inquiry.id)).inquiry.firstReplyAt).not.toBeNull());
    // The DM's buttons give way to the outcome, in place; the reminder text stays.
    const [update] = await eventually(() => {
      const found = h.api.ok('chat.update', (body) => body.channel === 'DONA00001' && body.ts === '1800000000.000001');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(update!.blocks.some((block: any) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(update!.blocks)).toContain(`${inquiry.registryNumber}: pažymėta, kad atsakyta.`);
    expect(JSON.stringify(update!.blocks)).toContain('Priminimas');
  });

  it('R14.reply-1wd: Jonas reads his reminder in English', async () => {
    const inquiry = await h.claimedBy(h.staff.jonas.id);
    await h.t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'first_reply', stage: 'reminder', dueAt: inquiry.firstReplyDue });
    const [dm] = await eventually(() => {
      const found = dmsTo('DJONAS001', inquiry.registryNumber);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(dm!.text).toBe(`Reminder: ${inquiry.registryNumber} needs a reply by tomorrow 09:00.`);
    expect(dm!.blocks.find((block: any) => block.type === 'actions').elements.map((button: any) => button.text.text)).toEqual(['Mark replied', 'Open']);
  });

  it('R14.reply-1wd: at the deadline the owner gets an overdue DM and the announcement gets a thread reply', async () => {
    const inquiry = await h.claimedBy(h.staff.ona.id);
    const ts = await h.announcementOf(inquiry.id);
    clock.set('2027-03-02T09:30:00+02:00');
    try {
      expect(await h.t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'first_reply', stage: 'overdue', dueAt: inquiry.firstReplyDue })).toEqual({ outcome: 'sent' });
      const expected = `Vėluojama: į ${inquiry.registryNumber} reikėjo atsakyti iki šiandien 09:00.`;
      await eventually(() => expect(h.api.ok('chat.postMessage', (body) => body.channel === 'DONA00001' && body.text === expected)).toHaveLength(1));
      await eventually(() => expect(h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && body.thread_ts === ts && body.text === expected)).toHaveLength(1));
      // The card itself turns red (overdue) in place.
      await eventually(() => expect(h.api.ok('chat.update', (body) => body.ts === ts && JSON.stringify(body.blocks).includes(':red_circle:'))).not.toHaveLength(0));
    } finally {
      clock.set('2027-03-01T15:00:00+02:00');
    }
  });

  it('R4.owner: an inquiry nobody claimed within an office hour is nudged in the channel itself with Claim; the claim replaces the button with who took it; nobody is DMed', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest({ receivedAt: '2027-03-01T13:00:00+02:00' }));
    const ts = await h.announcementOf(inquiry.id);
    const dueAt = new Date('2027-03-01T14:00:00+02:00');
    expect(await h.t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'claim', stage: 'overdue', dueAt })).toEqual({ outcome: 'sent' });
    const nudgeText = `Užklausos ${inquiry.registryNumber} dar niekas nepaėmė. Ar galite jos imtis?`;
    const [nudge] = await eventually(() => {
      const found = h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && !body.thread_ts && body.text === nudgeText);
      expect(found).toHaveLength(1);
      return found;
    });
    const buttons = nudge!.blocks.flatMap((block: any) => block.elements ?? []).filter((element: any) => element.type === 'button');
    expect(buttons.map((button: any) => [button.action_id, button.value])).toEqual([['claim', inquiry.id], ['details', inquiry.id]]);
    expect(h.api.ok('chat.postMessage', (body) => body.thread_ts === ts && body.text === nudgeText)).toHaveLength(0);

    const nudgeTs = String(h.api.calls.find((call) => call.method === 'chat.postMessage' && call.body.text === nudgeText)!.answer!.ts);
    await postInteraction(h.events, blockAction('UJONAS001', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts: nudgeTs }));
    const claimed = await eventually(() => {
      const found = h.api.ok('chat.update', (body) => body.ts === nudgeTs && JSON.stringify(body.blocks).includes('Jos ėmėsi Jonas Jonaitis.'));
      expect(found).not.toHaveLength(0);
      return found.at(-1)!;
    });
    expect(JSON.stringify(claimed.blocks)).not.toContain('"action_id":"claim"');
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.ownerId).toBe(h.staff.jonas.id);
    expect(h.api.ok('chat.postMessage', (body) => String(body.channel).startsWith('D') && String(body.text).includes(inquiry.registryNumber))).toHaveLength(0);
  });
});

describe('delivery', () => {
  it('a 429 with Retry-After is waited out and the announcement delivered once: nothing lost', async () => {
    h.api.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    await h.announcementOf(inquiry.id);
    const attempts = h.api.calls.filter((call) => call.method === 'chat.postMessage' && JSON.stringify(call.body.blocks ?? []).includes(inquiry.id));
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
  });

  it('a Web API error is thrown to the outbox, which retries until the announcement is posted', async () => {
    h.api.failNext('chat.postMessage', { error: 'internal_error' }, { error: 'service_unavailable' });
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    await h.announcementOf(inquiry.id);
    const attempts = h.api.calls.filter((call) => call.method === 'chat.postMessage' && JSON.stringify(call.body.blocks ?? []).includes(inquiry.id));
    expect(attempts.map((call) => call.status)).toEqual([400, 400, 200]);
  });

  it('a person Slack cannot reach is skipped, not retried forever: the next event still arrives', async () => {
    const inquiry = await h.claimedBy(h.staff.ona.id);
    h.api.failNext('conversations.open', { error: 'user_not_found' });
    // Force a fresh DM channel lookup for a person without a cached one.
    await h.t.app.dataSource.query(`DELETE FROM conversation_references WHERE platform = 'slack' AND key = 'dm:UONA00001'`);
    await h.t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'first_reply', stage: 'reminder', dueAt: inquiry.firstReplyDue });
    await h.t.app.inquiries.release(inquiry.id, h.staff.ona.id);
    const ts = await h.announcementOf(inquiry.id);
    await eventually(() => expect(h.api.ok('chat.update', (body) => body.ts === ts && JSON.stringify(body.blocks).includes('"claim"'))).not.toHaveLength(0));
    expect(dmsTo('DONA00001', inquiry.registryNumber)).toHaveLength(0);
  });
});
