import type { RunningApp } from '../../src/app.js';
import type { Inquiry } from '../../src/domain/inquiry.js';
import { emailedRequest, eventually } from './app.js';

/** Registry numbers in the text of a rendered list, in the order shown. */
export function numbersIn(rendered: string): string[] {
  return rendered.match(/(?<![\w-])\d{4}-\d{6}(?![\w-])/g) ?? [];
}

/** What presses most, by R14.reply-1wd and R14.holding-reply: the reply deadline while unanswered, then the resolution deadline. */
function pressingDue(inquiry: Inquiry): number {
  return (inquiry.firstReplyAt === null ? inquiry.firstReplyDue : (inquiry.promisedBy ?? inquiry.statutoryDue ?? inquiry.firstReplyDue)).getTime();
}

/**
 * K01 (D7): 25 open inquiries claimed by `ownerId`, registered out of order over a week of April 2027 (in the future for
 * the test clocks, so no reminder fires), with each kind of deadline: one answered with a holding reply promising
 * an early date (most pressing of all, though registered late), one answered request whose statutory deadline puts it
 * last, one answered question. Returns the registry numbers as `mine` must show them: the 20 most pressing, in order.
 * Waits until the outbox has delivered every event, so the platform has said all it had to say about them.
 */
export async function twentyFiveOpenInquiries(app: RunningApp, ownerId: string): Promise<string[]> {
  const registered: Inquiry[] = [];
  for (let k = 0; k < 25; k += 1) {
    const slot = (k * 7) % 25;
    const receivedAt = `2027-04-0${5 + Math.floor(slot / 5)}T${String(9 + (slot % 5)).padStart(2, '0')}:00:00+03:00`;
    const kind = k === 3 || k === 11 ? 'request' : 'question';
    const { inquiry } = await app.inquiries.register(emailedRequest({ kind, receivedAt, subject: `Sąrašo užklausa ${k}` }));
    await app.inquiries.claim(inquiry.id, ownerId);
    registered.push(inquiry);
  }
  await app.inquiries.sendHoldingReply(registered[3]!.id, ownerId, new Date('2027-04-05T08:00:00+03:00'));
  await app.inquiries.recordFirstReply(registered[11]!.id, ownerId);
  await app.inquiries.recordFirstReply(registered[17]!.id, ownerId);
  // One at a time: the pool is shared with the outbox delivering these very inquiries' events.
  const current: Inquiry[] = [];
  for (const { id } of registered) current.push((await app.queries.get(id)).inquiry);
  await outboxDelivered(app);
  return current
    .sort((a, b) => pressingDue(a) - pressingDue(b) || a.registryNumber.localeCompare(b.registryNumber))
    .slice(0, 20)
    .map((inquiry) => inquiry.registryNumber);
}

/** Every event handed to every consumer (platforms, scheduler) has been delivered. */
export async function outboxDelivered(app: RunningApp): Promise<void> {
  await eventually(async () => {
    const [pending] = await app.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL`);
    expect(pending.n).toBe(0);
  }, 30_000);
}
