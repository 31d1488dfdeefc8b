import { eventually, ManualClock } from '../support/app.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { blockAction } from './support/payloads.js';
import { postInteraction } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';
import { buttonsOf, claimedInquiry } from './support/workflow-steps.js';

/**
 * Issue #15 on Slack: health data stays out of chat. A client's e-mailed file is never posted; Details lists it
 * (name and size) as a download link signed for the one person who opened it, and only for the owner and managers.
 */

let h: SlackHarness;
const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
const FILE = 'alergijos-pazyma-SVK4417.pdf';

beforeAll(async () => {
  h = await startSlackHarness({ clock });
});
afterAll(() => h.stop());
afterEach(() => expect(blockKitViolations(h.api.calls)).toEqual([]));

async function withCertificate() {
  const claimed = await claimedInquiry(h, h.staff.ona.id);
  await h.t.app.mail.messaging.storeAttachments(claimed.inquiry.id, claimed.inquiry.externalId!, [
    { filename: FILE, contentType: 'application/pdf', content: Buffer.alloc(12_800, 1) },
  ]);
  const [row] = await h.t.app.dataSource.query('SELECT id FROM mail_attachments WHERE inquiry_id = $1', [claimed.inquiry.id]);
  return { ...claimed, attachmentId: row.id as string };
}

async function detailsFor(user: string, inquiryId: string, ts: string) {
  const before = h.api.ok('chat.postEphemeral', (body) => body.user === user).length;
  await postInteraction(h.events, blockAction(user, 'details', inquiryId, { channel: STAFF_CHANNEL, ts }));
  return eventually(() => {
    const shown = h.api.ok('chat.postEphemeral', (body) => body.user === user);
    expect(shown.length).toBe(before + 1);
    return shown.at(-1)!;
  });
}

it('R35.no-internal / R4.owner: the owner and a manager see the file as a link of their own in Details; a colleague sees no trace of it; no channel post names it', async () => {
  const { inquiry, ts, attachmentId } = await withCertificate();
  for (const [user, staffId] of [['UONA00001', h.staff.ona.id], ['UMANAGER1', h.staff.manager.id]] as const) {
    const details = await detailsFor(user, inquiry.id, ts);
    const link = buttonsOf(details).find(([action]) => action === `open_attachment:${attachmentId}`);
    expect(link?.[1]).toMatch(new RegExp(`/attachments/${attachmentId}\\?staff=${staffId}&expires=\\d+&sig=[\\w-]{43}$`));
    expect(JSON.stringify(details.blocks)).toContain(`📎 ${FILE} (13 KB)`);
    // Its click (Slack sends one for a link button too) is acked and changes nothing.
    const click = await postInteraction(h.events, blockAction(user, `open_attachment:${attachmentId}`, '', { channel: STAFF_CHANNEL, ts }));
    expect(click.status).toBe(200);
  }
  const colleague = await detailsFor('UJONAS001', inquiry.id, ts);
  expect(JSON.stringify(colleague)).not.toContain('SVK4417');
  expect(JSON.stringify(colleague)).not.toContain('/attachments/');

  // Everything else the bot sent — the channel's posts and threads, updates, DMs — names neither the file nor a link.
  const owners = (call: { method: string; body: Record<string, any> }) => call.method === 'chat.postEphemeral' && ['UONA00001', 'UMANAGER1'].includes(call.body.user);
  const elsewhere = JSON.stringify(h.api.calls.filter((call) => !owners(call)).map((call) => call.body));
  expect(elsewhere).not.toContain('SVK4417');
  expect(elsewhere).not.toContain('/attachments/');
  expect(h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL).length).toBeGreaterThan(0);
});
