import { emailedRequest, eventually } from '../support/app.js';
import { blockAction } from './support/payloads.js';
import { postInteraction } from './support/signed-requests.js';
import { harnessWithAdmin, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';

let h: SlackHarness;

harnessWithAdmin((harness) => {
  h = harness;
});

const RETRY = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };

const linesOf = (inquiryId: string, action: string): Promise<Array<{ actor_id: string; details: Record<string, unknown> }>> =>
  h.t.app.dataSource.query(`SELECT actor_id, details FROM audit_log WHERE inquiry_id = $1 AND action = $2 ORDER BY id`, [inquiryId, action]);

async function announcement() {
  const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
  return { inquiry, ts: await h.announcementOf(inquiry.id) };
}

const command = (user: string, input: string) => h.command(user, input);

describe('R12.records: the audit log, through Slack', () => {
  it('R12.records: a claim click, its Slack retry and a double click are one audit line; the loser’s refused click none', async () => {
    const { inquiry, ts } = await announcement();
    const click = blockAction('UONA00001', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts });
    await postInteraction(h.events, click);
    await postInteraction(h.events, click, RETRY);
    await postInteraction(h.events, blockAction('UONA00001', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    await postInteraction(h.events, blockAction('UJONAS001', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    await eventually(() => expect(h.api.ok('chat.postEphemeral', (body) => body.user === 'UJONAS001' && String(body.text).includes(inquiry.registryNumber))).toHaveLength(1));
    expect(await linesOf(inquiry.id, 'claimed')).toEqual([{ actor_id: h.staff.ona.id, details: {} }]);
  });

  it('R12.records: opening the details is one audit line per opening; Slack’s retry of the click adds none', async () => {
    const { inquiry, ts } = await announcement();
    const click = blockAction('UJONAS001', 'details', inquiry.id, { channel: STAFF_CHANNEL, ts });
    await postInteraction(h.events, click);
    await postInteraction(h.events, click, RETRY);
    await eventually(() => expect(h.api.ok('chat.postEphemeral', (body) => body.user === 'UJONAS001' && JSON.stringify(body.blocks ?? []).includes(inquiry.registryNumber))).toHaveLength(1));
    // A colleague's view shows which contacts exist, not the contacts themselves.
    expect(await linesOf(inquiry.id, 'details_opened')).toEqual([{ actor_id: h.staff.jonas.id, details: { contacts: false } }]);
    // `show` is an opening too.
    await command('UONA00001', `show ${inquiry.registryNumber}`);
    expect(await linesOf(inquiry.id, 'details_opened')).toEqual([
      { actor_id: h.staff.jonas.id, details: { contacts: false } },
      { actor_id: h.staff.ona.id, details: { contacts: false } },
    ]);
  });

  it('R12.records: `/inquiry audit` gives an admin a link that downloads the CSV; a representative is refused privately', async () => {
    const refused = await command('UONA00001', 'audit 2027-03-01 2027-03-31');
    expect(refused.text).toBe('Šiam veiksmui neturite teisių.');
    expect(JSON.stringify(refused)).not.toContain('/audit/export.csv');

    const answer = await command('UADMIN001', 'audit 2027-03-01 2027-03-31');
    expect(answer.text).toContain('2027-03-01–2027-03-31');
    const button = answer.blocks.find((block: any) => block.type === 'actions').elements[0];
    expect(button.url).toMatch(/\/audit\/export\.csv\?/);
    const csv = await fetch(button.url.replace(/^https?:\/\/[^/]+/, h.t.app.url));
    expect(csv.status).toBe(200);
    expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('id,at,actor_id,action,inquiry_id,registry_number,subject_staff_id,details');
    const [exported] = await h.t.app.dataSource.query(`SELECT actor_id FROM audit_log WHERE action = 'audit_exported'`);
    expect(exported).toBeDefined();
  });
});
