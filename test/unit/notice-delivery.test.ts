import { NoticeDelivery } from '../../src/bot/core/notices/delivery.js';
import type { RenderedNotice } from '../../src/bot/core/notices/speak.js';
import { PostGoneError, type ChatSurface, type PostedRef, type SendResult } from '../../src/bot/core/surface.js';
import type { ChatPost, ChatPostStore } from '../../src/domain/chat-posts.js';
import type { InquiryEvent } from '../../src/domain/events.js';
import type { Inquiry } from '../../src/domain/inquiry.js';
import type { InquirySnapshot } from '../../src/domain/inquiry.queries.js';
import type { StaffMember } from '../../src/domain/staff.js';

/*
 * NoticeDelivery with hand-written fakes: keyed messages are posted once and updated after, a refusal at send time
 * delivers the policy's fallback, a thread note without an announcement goes to the channel (D23), and the
 * reader's language and names reach the renderer.
 */

const ona: StaffMember = {
  id: 'ona', firstName: 'Ona', surname: 'Onaitė', position: null, phone: null, email: 'ona@daigelis.lt', language: 'en',
  roles: ['representative'], slackUserId: null, teamsUserId: 'aad-ona', managerId: null, active: true,
};
const inquiry = {
  id: 'i1', registryNumber: '2027-000042', kind: 'complaint', channel: 'email', externalId: null,
  client: { name: 'Giedrė', email: 'giedre@example.lt', phone: null, language: 'lt' },
  subject: 'Dėl vietos', body: 'Laba diena', receivedAt: new Date('2027-03-01T09:00:00+02:00'),
  status: 'in_progress', ownerId: 'ona', firstReplyDue: new Date('2027-03-02T09:00:00+02:00'), firstReplyAt: null,
  statutoryDue: null, promisedBy: null, followUpDue: null, resolvedAt: null, closedAt: null,
  nextCall: null, missedCalls: 0, meetingSummaryDue: null, externalStepDue: null,
} as Inquiry;
const snapshot: InquirySnapshot = { inquiry, owner: ona, timeline: [], escalations: [], meetings: [], externalSteps: [], letters: [] };

type Sent = { op: 'channel' | 'thread' | 'dm' | 'update'; id: string; headline: string; to?: string };

class FakeSurface implements ChatSurface<RenderedNotice> {
  readonly platform = 'teams' as const;
  readonly sent: Sent[] = [];
  unreachable = new Set<string>();
  /** Message ids the platform says are deleted, and an error every edit fails with (a 429, say). */
  gone = new Set<string>();
  failing: Error | null = null;
  private next = 0;
  async languageOf(person: StaffMember) {
    return person.language;
  }
  private ok(): SendResult {
    this.next += 1;
    return { ok: true, post: { channelId: 'c', messageId: `m${this.next}` } };
  }
  async postToChannel(message: RenderedNotice) {
    this.sent.push({ op: 'channel', id: message.id, headline: message.headline });
    return this.ok();
  }
  async replyInThread(parent: PostedRef | null, message: RenderedNotice) {
    if (!parent) return this.postToChannel(message);
    this.sent.push({ op: 'thread', id: message.id, headline: message.headline });
    return this.ok();
  }
  async sendToPerson(person: StaffMember, message: RenderedNotice): Promise<SendResult> {
    if (this.unreachable.has(person.id)) return { ok: false, reason: 'unreachable' };
    this.sent.push({ op: 'dm', id: message.id, headline: message.headline, to: person.id });
    return this.ok();
  }
  async update(post: PostedRef, message: RenderedNotice) {
    if (this.failing) throw this.failing;
    if (this.gone.has(post.messageId)) throw new PostGoneError('404');
    this.sent.push({ op: 'update', id: message.id, headline: message.headline, to: post.messageId });
  }
}

class MemoryPosts implements ChatPostStore {
  private readonly posts = new Map<string, ChatPost>();
  async save(platform: string, inquiryId: string, purpose: string, post: ChatPost) {
    this.posts.set(`${platform}/${inquiryId}/${purpose}`, post);
  }
  async find(platform: string, inquiryId: string, purpose: string) {
    return this.posts.get(`${platform}/${inquiryId}/${purpose}`) ?? null;
  }
  async all(platform: string, inquiryId: string) {
    return [...this.posts.entries()].filter(([key]) => key.startsWith(`${platform}/${inquiryId}/`)).map(([, post]) => post);
  }
}

function setup() {
  const surface = new FakeSurface();
  const logged: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const delivery = new NoticeDelivery<RenderedNotice>({
    context: { platform: 'teams', platforms: ['teams'] },
    surface,
    renderer: { notice: (notice) => notice },
    posts: new MemoryPosts(),
    reads: {
      get: async () => snapshot,
      escalation: async () => {
        throw new Error('no escalation here');
      },
      staffMember: async (id) => (id === 'ona' ? ona : null),
      staffWithRole: async () => [],
    },
    settings: { capabilities: { email: true }, letterUrl: (id) => `https://x/letters?id=${id}`, channelLanguage: 'lt', zone: 'Europe/Vilnius' },
    clock: { now: () => new Date('2027-03-01T10:00:00+02:00') },
    story: async () => {
      throw new Error('no story needed');
    },
    log: {
      info: (fields, message) => logged.push({ level: 'info', fields, message }),
      warn: (fields, message) => logged.push({ level: 'warn', fields, message }),
    },
  });
  return { surface, delivery, logged };
}

const base = { inquiryId: 'i1', registryNumber: '2027-000042', actorId: null, at: '2027-03-01T08:00:00Z' };
const registered = { ...base, type: 'registered' } as unknown as InquiryEvent;
const clientWrote = { ...base, type: 'client_message_received', clientMessageId: 'cm1', ownerId: 'ona' } as unknown as InquiryEvent;
const anonymised = { ...base, type: 'anonymised' } as unknown as InquiryEvent;

describe('NoticeDelivery', () => {
  it('R15.register / D8: the announcement is posted once; a redelivery updates the card it posted', async () => {
    const { surface, delivery } = setup();
    await delivery.handle(registered);
    await delivery.handle(registered);
    expect(surface.sent.map((sent) => `${sent.op} ${sent.id}`)).toEqual(['channel inquiry.card', 'update inquiry.card']);
  });

  it('R4.owner: the owner gets the client’s message in their own language', async () => {
    const { surface, delivery } = setup();
    await delivery.handle(clientWrote);
    expect(surface.sent).toEqual([expect.objectContaining({ op: 'dm', id: 'mail.client_wrote', to: 'ona' })]);
    expect(surface.sent[0]!.headline).toContain('2027-000042');
  });

  it('D22 / D23: an owner the platform refuses at send time → the fallback, in the channel when never announced', async () => {
    const { surface, delivery } = setup();
    surface.unreachable.add('ona');
    await delivery.handle(clientWrote);
    expect(surface.sent.map((sent) => `${sent.op} ${sent.id}`)).toEqual(['channel mail.client_wrote']);
  });

  it('R12.records (issue #15): anonymised → a copy deleted on the platform counts as clean (logged at info, ids only) and the other copies are still edited; any other failure is thrown for the outbox to retry', async () => {
    const { surface, delivery, logged } = setup();
    await delivery.handle(registered);
    await delivery.handle(clientWrote);
    const [announcement, dm] = surface.sent.filter((sent) => sent.op !== 'update').map((_sent, i) => `m${i + 1}`);
    surface.gone.add(announcement!);
    await delivery.handle(anonymised);
    expect(surface.sent.filter((sent) => sent.id === 'inquiry.anonymised').map((sent) => `${sent.op} ${sent.to}`)).toEqual([`update ${dm}`]);
    expect(logged).toEqual([{ level: 'info', fields: expect.objectContaining({ inquiryId: 'i1', messageId: announcement, reason: '404' }), message: expect.stringContaining('gone') }]);
    expect(JSON.stringify(logged)).not.toMatch(/Giedrė|giedre@|Dėl vietos|Laba diena/);
    surface.failing = new Error('HTTP 429');
    await expect(delivery.handle(anonymised)).rejects.toThrow('HTTP 429');
  });

  it('accepts no event that is news to nobody', () => {
    const { delivery } = setup();
    expect(['deadlines_changed', 'email_requested', 'email_sent'].map((type) => delivery.accepts(type as never))).toEqual([false, false, false]);
    expect(delivery.accepts('registered')).toBe(true);
  });
});
