import type { StaffMember } from '../../src/domain/staff.js';
import { TypeormInquiryRepository } from '../../src/persistence/inquiry.typeorm-repository.js';
import { emailedRequest, expectCode, ManualClock, RecordingNotifier, seedStaff, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let staff: Awaited<ReturnType<typeof seedStaff>>;
const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));
const recorder = new RecordingNotifier();

beforeAll(async () => {
  t = await startTestApp({ clock, notifiers: [recorder] });
  staff = await seedStaff(t.app);
});
afterAll(() => t.stop());

const repository = () => new TypeormInquiryRepository(t.app.dataSource.manager);
const register = (overrides: Record<string, unknown> = {}) => t.app.inquiries.register(emailedRequest(overrides));

describe('registration', () => {
  it('R15.register: gives a registry number unique per year, with channel, contact, language and received-at', async () => {
    const first = await register({ receivedAt: '2027-03-01T09:00:00+02:00' });
    const second = await register({ receivedAt: '2027-03-01T09:05:00+02:00' });
    expect(first.created).toBe(true);
    expect(first.inquiry.registryNumber).toMatch(/^2027-\d{6}$/);
    expect(Number(second.inquiry.registryNumber.slice(5))).toBe(Number(first.inquiry.registryNumber.slice(5)) + 1);
    const stored = await repository().findById(first.inquiry.id);
    expect(stored).toMatchObject({
      channel: 'email',
      status: 'new',
      ownerId: null,
      client: { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', language: 'lt' },
      receivedAt: new Date('2027-03-01T07:00:00.000Z'),
    });
    expect(stored!.body).toContain('ąčęėįšųūž');
  });

  it('R15.register: numbering starts again in a new year (Vilnius time decides the year)', async () => {
    const newYear = await register({ receivedAt: '2028-01-01T00:30:00+02:00' });
    expect(newYear.inquiry.registryNumber).toBe('2028-000001');
  });

  it('R15.register: the same e-mail delivered twice is one inquiry', async () => {
    const input = emailedRequest();
    const first = await t.app.inquiries.register(input);
    const again = await t.app.inquiries.register(input);
    expect(again).toMatchObject({ created: false, inquiry: { id: first.inquiry.id, registryNumber: first.inquiry.registryNumber } });
  });

  it('R15.register: ten concurrent deliveries of one message register it once, without gaps in numbering', async () => {
    const input = emailedRequest();
    const results = await Promise.all(Array.from({ length: 10 }, () => t.app.inquiries.register(input)));
    expect(new Set(results.map((result) => result.inquiry.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const next = await register();
    expect(Number(next.inquiry.registryNumber.slice(5))).toBe(Number(results[0]!.inquiry.registryNumber.slice(5)) + 1);
  });

  it('R15.register: malformed input is a coded error naming the field, and nothing is stored', async () => {
    const error = await expectCode(register({ client: { name: '', email: 'not-an-email', phone: null } }), 'INPUT.INVALID');
    expect(JSON.stringify(error.details)).toContain('client.email');
    expect(await repository().list({ text: 'not-an-email', limit: 5 })).toHaveLength(0);
  });

  it('R7.channels: a phone inquiry registered by staff carries who registered it', async () => {
    const { inquiry } = await register({ channel: 'phone', externalId: null, client: { name: 'Tomas', email: null, phone: '+370 600 12345' }, registeredById: staff.ona.id });
    const [registered] = await repository().timeline(inquiry.id);
    expect(registered).toMatchObject({ action: 'registered', actorId: staff.ona.id, details: { channel: 'phone' } });
  });

  it('R14.reply-1wd / R59.statutory: deadlines are set at registration (question: no statutory deadline)', async () => {
    const request = await register({ receivedAt: '2027-03-05T18:00:00+02:00' });
    expect(request.inquiry.firstReplyDue.toISOString()).toBe(new Date('2027-03-08T17:00:00+02:00').toISOString());
    expect(request.inquiry.statutoryDue).not.toBeNull();
    const question = await register({ kind: 'question' });
    expect(question.inquiry.statutoryDue).toBeNull();
  });
});

describe('ownership', () => {
  it('R4.owner: 50 concurrent claims → exactly one owner; every loser is told who won', async () => {
    const { inquiry } = await register();
    const people: StaffMember[] = [];
    await t.app.staff.importMembers(
      Array.from({ length: 50 }, (_, i) => ({ firstName: `Atstovas${i}`, surname: 'Testinis', email: `rep${i}@daigelis.lt` })),
    );
    for (let i = 0; i < 50; i += 1) {
      const { TypeormStaffRepository } = await import('../../src/persistence/staff.typeorm-repository.js');
      people.push((await new TypeormStaffRepository(t.app.dataSource.manager).findByEmail(`rep${i}@daigelis.lt`))!);
    }
    const outcomes = await Promise.allSettled(people.map((person) => t.app.inquiries.claim(inquiry.id, person.id)));
    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const owner = (await repository().findById(inquiry.id))!.ownerId!;
    const winner = people.find((person) => person.id === owner)!;
    for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect(outcome.reason).toMatchObject({ code: 'INQUIRY.ALREADY_CLAIMED', details: { ownerName: `${winner.firstName} Testinis` } });
    }
    const claims = (await repository().timeline(inquiry.id)).filter((entry) => entry.action === 'claimed');
    expect(claims).toHaveLength(1);
  });

  it('R4.owner: a claim by the current owner (double click, platform retry) is no error and changes nothing: no event, no timeline row', async () => {
    const { inquiry } = await register();
    const claimed = await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    const before = await repository().timeline(inquiry.id);
    const again = await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    expect(again).toEqual(claimed);
    expect(await repository().timeline(inquiry.id)).toEqual(before);
    expect(before.filter((entry) => entry.action === 'claimed')).toHaveLength(1);
    // Anyone else is still refused with the owner named.
    const error = await expectCode(t.app.inquiries.claim(inquiry.id, staff.jonas.id), 'INQUIRY.ALREADY_CLAIMED');
    expect(error.details).toMatchObject({ ownerName: 'Ona Onaitė' });
  });

  it('R4.owner: the owner claiming a resolved inquiry again changes nothing either', async () => {
    const { inquiry } = await register({ channel: 'phone', externalId: null, client: { name: 'Tomas', email: null, phone: '+370 600 12345' }, registeredById: staff.ona.id });
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    await t.app.inquiries.recordFirstReply(inquiry.id, staff.ona.id);
    await t.app.inquiries.resolve(inquiry.id, staff.ona.id);
    const before = await repository().timeline(inquiry.id);
    expect(await t.app.inquiries.claim(inquiry.id, staff.ona.id)).toMatchObject({ status: 'resolved', ownerId: staff.ona.id });
    expect(await repository().timeline(inquiry.id)).toEqual(before);
  });

  it('R4.owner: only the owner or a manager may release or hand over; each handover is audited', async () => {
    const { inquiry } = await register();
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    await expectCode(t.app.inquiries.release(inquiry.id, staff.jonas.id), 'INQUIRY.NOT_OWNER');
    await expectCode(t.app.inquiries.handOver(inquiry.id, staff.jonas.id, staff.jonas.id), 'INQUIRY.NOT_OWNER');
    await t.app.inquiries.handOver(inquiry.id, staff.ona.id, staff.rasa.id);
    await t.app.inquiries.handOver(inquiry.id, staff.manager.id, staff.jonas.id);
    const released = await t.app.inquiries.release(inquiry.id, staff.jonas.id);
    expect(released).toMatchObject({ status: 'new', ownerId: null });
    const trail = (await repository().timeline(inquiry.id)).map((entry) => [entry.action, entry.actorId, entry.details]);
    expect(trail).toEqual(
      expect.arrayContaining([
        ['handed_over', staff.ona.id, { fromId: staff.ona.id, toId: staff.rasa.id }],
        ['handed_over', staff.manager.id, { fromId: staff.rasa.id, toId: staff.jonas.id }],
        ['released', staff.jonas.id, { previousOwnerId: staff.jonas.id }],
      ]),
    );
  });

  it('R4.owner: a manager may assign an unowned inquiry or take one over (a handover to themselves); handing it to its owner again changes nothing', async () => {
    const { inquiry } = await register();
    await expectCode(t.app.inquiries.handOver(inquiry.id, staff.ona.id, staff.jonas.id), 'INQUIRY.NOT_OWNER');
    expect(await t.app.inquiries.handOver(inquiry.id, staff.manager.id, staff.ona.id)).toMatchObject({ status: 'claimed', ownerId: staff.ona.id });
    const before = await repository().timeline(inquiry.id);
    await t.app.inquiries.handOver(inquiry.id, staff.manager.id, staff.ona.id);
    expect(await repository().timeline(inquiry.id)).toEqual(before);
    expect(await t.app.inquiries.handOver(inquiry.id, staff.manager.id, staff.manager.id)).toMatchObject({ ownerId: staff.manager.id });
    const trail = (await repository().timeline(inquiry.id)).filter((entry) => entry.action === 'handed_over').map((entry) => [entry.actorId, entry.details]);
    expect(trail).toEqual([
      [staff.manager.id, { fromId: null, toId: staff.ona.id }],
      [staff.manager.id, { fromId: staff.ona.id, toId: staff.manager.id }],
    ]);
  });

  it('R4.owner: an unknown staff member or inquiry is a coded error', async () => {
    const { inquiry } = await register();
    await expectCode(t.app.inquiries.claim(inquiry.id, '00000000-0000-4000-8000-000000000000'), 'STAFF.NOT_FOUND');
    await expectCode(t.app.inquiries.claim('00000000-0000-4000-8000-000000000000', staff.ona.id), 'INQUIRY.NOT_FOUND');
    await expectCode(t.app.inquiries.claim('not-a-uuid', staff.ona.id), 'INQUIRY.NOT_FOUND');
  });
});

describe('lifecycle', () => {
  it('R12.records: new → claimed → in progress → waiting → resolved → closed → reopened, each step on the timeline', async () => {
    const { inquiry } = await register();
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    await t.app.inquiries.recordFirstReply(inquiry.id, staff.ona.id);
    await t.app.inquiries.waitForClient(inquiry.id, staff.ona.id);
    await t.app.inquiries.resolve(inquiry.id, staff.ona.id);
    await t.app.inquiries.close(inquiry.id, staff.ona.id);
    const reopened = await t.app.inquiries.reopen(inquiry.id, staff.ona.id, 'Tėvai parašė dar kartą');
    expect(reopened).toMatchObject({ status: 'in_progress', ownerId: staff.ona.id, closedAt: null });
    const actions = (await repository().timeline(inquiry.id)).map((entry) => entry.action);
    expect(actions.filter((action) => action !== 'deadlines_changed')).toEqual([
      'registered',
      'claimed',
      'first_reply_sent',
      'waiting_on_client',
      'resolved',
      'closed',
      'reopened',
    ]);
  });

  it('R12.records: the timeline is append-only in the database itself', async () => {
    const { inquiry } = await register();
    await expect(t.app.dataSource.query('UPDATE inquiry_timeline SET action = $1 WHERE inquiry_id = $2', ['forged', inquiry.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.app.dataSource.query('DELETE FROM inquiry_timeline WHERE inquiry_id = $1', [inquiry.id])).rejects.toThrow(/append-only/);
  });

  it('R12.records: invalid transitions are coded errors, never silent', async () => {
    const { inquiry } = await register();
    await expectCode(t.app.inquiries.close(inquiry.id, staff.manager.id), 'INQUIRY.INVALID_TRANSITION');
    await expectCode(t.app.inquiries.resolve(inquiry.id, staff.manager.id), 'INQUIRY.INVALID_TRANSITION');
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    await expectCode(t.app.inquiries.reopen(inquiry.id, staff.ona.id, 'x'), 'INQUIRY.INVALID_TRANSITION');
    await expectCode(t.app.inquiries.recordFirstReply(inquiry.id, staff.jonas.id), 'INQUIRY.NOT_OWNER');
  });

  it('R14.holding-reply: the promised date becomes the resolution deadline and counts as the first reply', async () => {
    const { inquiry } = await register();
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    const promised = new Date('2027-03-10T12:00:00+02:00');
    const updated = await t.app.inquiries.sendHoldingReply(inquiry.id, staff.ona.id, promised);
    expect(updated).toMatchObject({ promisedBy: promised, firstReplyAt: clock.now(), status: 'in_progress' });
  });

  it('R14.holding-reply / R59.statutory: a promise in the past or beyond the statutory deadline is refused', async () => {
    const { inquiry } = await register();
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    await expectCode(t.app.inquiries.sendHoldingReply(inquiry.id, staff.ona.id, new Date('2027-02-01T12:00:00+02:00')), 'INQUIRY.PROMISE_INVALID');
    const error = await expectCode(
      t.app.inquiries.sendHoldingReply(inquiry.id, staff.ona.id, new Date('2027-06-01T12:00:00+03:00')),
      'INQUIRY.PROMISE_INVALID',
    );
    expect(error.details).toHaveProperty('statutoryDue');
  });

  it('R12.records: every event reaches the notifier, in order per inquiry', async () => {
    const { inquiry } = await register();
    await t.app.inquiries.claim(inquiry.id, staff.ona.id);
    await t.app.inquiries.recordFirstReply(inquiry.id, staff.ona.id);
    const { eventually } = await import('../support/app.js');
    await eventually(() => {
      const types = recorder.events.filter((event) => event.inquiryId === inquiry.id).map((event) => event.type);
      expect(types).toEqual(['registered', 'claimed', 'first_reply_sent']);
    });
  });
});
