import { emailedRequest, eventually } from '../support/app.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { blockAction, menuChoice } from './support/payloads.js';
import { postEvent, postInteraction } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h.stop());
afterEach(() => expect(blockKitViolations(h.api.calls)).toEqual([]));

const mentions = (id: string) => (body: Record<string, any>) => JSON.stringify(body.blocks ?? []).includes(id);

async function announced(inquiryId: string) {
  return eventually(() => {
    const [post] = h.api.ok('chat.postMessage', (body) => body.channel === STAFF_CHANNEL && !body.thread_ts && mentions(inquiryId)(body));
    expect(post).toBeDefined();
    return post!;
  });
}

describe('announcement', () => {
  it('R15.register: a new inquiry is announced once in the staff channel with Claim (primary) and Details', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    const post = await announced(inquiry.id);
    const text = JSON.stringify(post.blocks);
    expect(text).toContain(inquiry.registryNumber);
    expect(text).toContain('Giedrė Žemaitienė');
    expect(text).toContain('El. paštas'); // channel, Lithuanian by default
    const actions = post.blocks.find((block: any) => block.type === 'actions');
    expect(actions.elements.map((button: any) => [button.action_id, button.value, button.style ?? null])).toEqual([
      ['claim', inquiry.id, 'primary'],
      ['details', inquiry.id, null],
    ]);
    expect(actions.elements.map((button: any) => button.text.text)).toEqual(['Imtis', 'Išsamiau']);
  });

  it("client text is shown, never executed: <!channel>, <!here>, <@U…>, links and mrkdwn stay inert", async () => {
    const { inquiry } = await h.t.app.inquiries.register(
      emailedRequest({
        client: { name: '<@UMANAGER1> *Boss*', email: 'x@example.lt', phone: null, language: 'lt' },
        subject: '<!channel> skubu <!here>',
        body: 'Spauskite <https://evil.example/login|čia> arba _čia_ ~ `kodas` & <!subteam^S123> @channel',
      }),
    );
    const post = await announced(inquiry.id);
    const texts: Array<{ text: string; type: string; verbatim?: boolean }> = [];
    const collect = (node: any) => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (node && typeof node === 'object') {
        if (node.type === 'mrkdwn') texts.push(node);
        Object.values(node).forEach(collect);
      }
    };
    collect(post.blocks);
    const all = texts.map((text) => text.text).join('\n');
    for (const live of ['<!channel>', '<!here>', '<@UMANAGER1>', '<https://', '<!subteam']) expect(all).not.toContain(live);
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('&lt;@UMANAGER1&gt;');
    expect(all).toContain('&amp;');
    // Formatting characters are broken up so *Boss* and _čia_ do not turn bold or italic.
    expect(all).not.toMatch(/\*Boss\*|_čia_|`kodas`/);
    expect(texts.every((text) => text.verbatim === true)).toBe(true);
    expect(post.text).not.toMatch(/<!channel>|<!here>/);
  });
});

describe('redelivery and details', () => {
  it('R15.register: a redelivered "registered" event updates the announcement instead of posting it twice', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    await announced(inquiry.id);
    const delivered = () =>
      h.t.app.dataSource.query(`SELECT 1 FROM outbox WHERE consumer = 'slack' AND inquiry_id = $1 AND event_type = 'registered' AND delivered_at IS NOT NULL`, [inquiry.id]);
    await eventually(async () => expect(await delivered()).toHaveLength(1));
    // The outbox delivers at least once: hand the same event to the Slack notifier again.
    await h.t.app.dataSource.query(
      `UPDATE outbox SET delivered_at = NULL, next_attempt_at = now() WHERE consumer = 'slack' AND inquiry_id = $1 AND event_type = 'registered'`,
      [inquiry.id],
    );
    await eventually(() => expect(h.api.ok('chat.update', mentions(inquiry.id))).toHaveLength(1));
    expect(h.api.ok('chat.postMessage', (body) => !body.thread_ts && mentions(inquiry.id)(body))).toHaveLength(1);
  });

  it('Details shows the fields, the whole message and the timeline privately to the clicker, within Block Kit limits', async () => {
    const long = `${'Labai ilgas laiškas apie darželį & <kitus> dalykus. '.repeat(1_500)}PABAIGA`;
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest({ body: long }));
    await announced(inquiry.id);
    await postInteraction(h.events, blockAction('UJONAS001', 'details', inquiry.id, { channel: STAFF_CHANNEL, ts: '1.1' }));
    const [shown] = await eventually(() => {
      const found = h.api.ok('chat.postEphemeral', (body) => body.user === 'UJONAS001' && mentions('Labai ilgas')(body));
      expect(found).toHaveLength(1);
      return found;
    });
    const text = JSON.stringify(shown!.blocks);
    expect(text).toContain('Timeline'); // Jonas reads English
    expect(text).toContain('registered');
    expect(text).toContain('Giedrė Žemaitienė');
    expect(text).toContain('PABAIGA'); // the whole message, not an excerpt
    expect(text).toContain('&amp; &lt;kitus&gt;');
    expect(shown!.blocks.length).toBeLessThanOrEqual(50);
  });
});

describe('claim', () => {
  async function newAnnouncement() {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    const post = await announced(inquiry.id);
    const ts = await announcementTs(inquiry.id);
    expect(post.channel).toBe(STAFF_CHANNEL);
    return { inquiry, ts };
  }

  /** Where the announcement was stored; saved just after Slack answered the post. */
  function announcementTs(inquiryId: string): Promise<string> {
    return eventually(async () => {
      const [row] = await h.t.app.dataSource.query(`SELECT message_id FROM chat_posts WHERE platform = 'slack' AND inquiry_id = $1 AND purpose = 'announcement'`, [inquiryId]);
      expect(row).toBeDefined();
      return row.message_id as string;
    });
  }

  it('R4.owner: two people click Claim at the same moment → one chat.update naming one owner, one ephemeral to the other', async () => {
    const { inquiry, ts } = await newAnnouncement();
    const place = { channel: STAFF_CHANNEL, ts };
    const [ona, jonas] = await Promise.all([
      postInteraction(h.events, blockAction('UONA00001', 'claim', inquiry.id, place)),
      postInteraction(h.events, blockAction('UJONAS001', 'claim', inquiry.id, place)),
    ]);
    expect([ona.status, jonas.status]).toEqual([200, 200]);
    const updates = await eventually(() => {
      const found = h.api.ok('chat.update', (body) => body.ts === ts);
      expect(found).toHaveLength(1);
      return found;
    });
    const ephemerals = await eventually(() => {
      const found = h.api.ok('chat.postEphemeral', (body) => body.channel === STAFF_CHANNEL && JSON.stringify(body).includes(inquiry.registryNumber));
      expect(found).toHaveLength(1);
      return found;
    });
    const owner = (await h.t.app.queries.get(inquiry.id)).owner!;
    const winner = owner.slackUserId === 'UONA00001' ? 'Ona Onaitė' : 'Jonas Jonaitis';
    const loser = owner.slackUserId === 'UONA00001' ? 'UJONAS001' : 'UONA00001';
    const card = JSON.stringify(updates[0]!.blocks);
    expect(card).toContain(winner);
    // Claim is replaced by the owner's actions.
    const actions = updates[0]!.blocks.find((block: any) => block.type === 'actions').elements.map((button: any) => button.action_id);
    expect(actions).toEqual(['log_call', 'mark_replied', 'escalate', 'details', 'inquiry_more']);
    expect(ephemerals[0]!.user).toBe(loser);
    // The loser reads in their own language: Jonas in English, Ona in Lithuanian.
    expect(ephemerals[0]!.text).toBe(
      loser === 'UJONAS001' ? `${inquiry.registryNumber} is already claimed by ${winner}.` : `Užklausos ${inquiry.registryNumber} jau ėmėsi ${winner}.`,
    );
  });

  it('R4.owner: a double click and a Slack retry (x-slack-retry-num) never apply twice', async () => {
    const { inquiry, ts } = await newAnnouncement();
    const click = blockAction('UONA00001', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts });
    const first = await postInteraction(h.events, click);
    const retry = await postInteraction(h.events, click, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    const again = await postInteraction(h.events, blockAction('UONA00001', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    await eventually(() => expect(h.api.ok('chat.update', (body) => body.ts === ts)).toHaveLength(1));
    const timeline = (await h.t.app.queries.get(inquiry.id)).timeline.filter((entry) => entry.action === 'claimed');
    expect(timeline).toHaveLength(1);
    // Her own second click is already done: no "already claimed by you" message.
    expect(h.api.ok('chat.postEphemeral', (body) => JSON.stringify(body).includes(inquiry.registryNumber))).toHaveLength(0);
  });

  it('R4.owner: Release (in the card\'s menu) gives the inquiry back to the queue; the card offers Claim again', async () => {
    const { inquiry, ts } = await newAnnouncement();
    await postInteraction(h.events, blockAction('UONA00001', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    await eventually(async () => expect((await h.t.app.queries.get(inquiry.id)).inquiry.ownerId).toBe(h.staff.ona.id));
    await postInteraction(h.events, menuChoice('UONA00001', 'inquiry_more', `release:${inquiry.id}`, { channel: STAFF_CHANNEL, ts }));
    await eventually(async () => expect((await h.t.app.queries.get(inquiry.id)).inquiry.ownerId).toBeNull());
    await eventually(() => {
      const last = h.api.ok('chat.update', (body) => body.ts === ts).at(-1)!;
      expect(last.blocks.find((block: any) => block.type === 'actions').elements.map((button: any) => button.action_id)).toEqual(['claim', 'details']);
    });
  });

  it('an unknown Slack user gets a clear private message and nothing changes', async () => {
    const { inquiry, ts } = await newAnnouncement();
    await postInteraction(h.events, blockAction('USTRANGER', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts }));
    const [ephemeral] = await eventually(() => {
      const found = h.api.ok('chat.postEphemeral', (body) => body.user === 'USTRANGER');
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    expect(ephemeral!.text).toBe('Jūsų nėra darbuotojų sąraše. Kreipkitės į administratorių.');
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.ownerId).toBeNull();
  });
});

describe('signatures', () => {
  it("Slack's URL verification (when the HTTP manifest is created) gets its challenge back", async () => {
    const answer = await postEvent(h.events, { token: 'legacy', challenge: 'kvietimas-123', type: 'url_verification' });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('kvietimas-123');
  });

  it('a request with a bad signature or a timestamp older than 5 minutes is rejected with 401', async () => {
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    const click = blockAction('UONA00001', 'claim', inquiry.id, { channel: STAFF_CHANNEL, ts: '1.1' });
    expect((await postInteraction(h.events, click, { secret: 'not-the-secret-0000' })).status).toBe(401);
    expect((await postInteraction(h.events, click, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    expect((await h.t.app.queries.get(inquiry.id)).inquiry.ownerId).toBeNull();
  });
});
