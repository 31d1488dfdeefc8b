import { eventually } from '../../support/app.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { ownedBy } from './support.js';

/**
 * Issue #15 (retention), R12.records: when a closed inquiry is anonymised, every message a platform keeps about it —
 * the announcement, the notes in its thread, the DMs that quoted it — is edited to its registry number and state, with
 * no buttons; nothing is posted and nobody else is told. An inquiry under legal hold is left as it was.
 */
type Closed = { inquiryId: string; registryNumber: string };

/** Past the default retention of a request (five years) after the rows' Monday. */
const YEARS_LATER = '2033-03-02T03:00:00+02:00';

/** ona's inquiry, handed over by vida to jonas (DMs to both, a note in the thread), answered, resolved and closed. */
async function closedAfterHandover(world: World): Promise<Closed> {
  const { inquiryId } = await ownedBy(world, 'ona');
  await world.app.inquiries.handOver(inquiryId, world.staff.vida.id, world.staff.jonas.id);
  await world.app.inquiries.recordFirstReply(inquiryId, world.staff.jonas.id);
  await world.app.inquiries.resolve(inquiryId, world.staff.jonas.id);
  await world.app.inquiries.close(inquiryId, world.staff.jonas.id);
  const { inquiry } = await world.app.queries.get(inquiryId);
  return { inquiryId, registryNumber: inquiry.registryNumber };
}

/** aldona runs the nightly job at once, years later (`retention run`). */
const runNow = async (world: World) => {
  world.clock.set(YEARS_LATER);
  await world.app.retention.runNow(world.staff.aldona.id);
};

export const retentionRows: Scenario[] = [
  {
    id: 'A01',
    title: 'R12.records: a closed inquiry is anonymised → its announcement, thread note and both DMs are edited to the number and state, no buttons; nothing is posted, nobody else is told',
    given: closedAfterHandover,
    // aldona types the command that runs the nightly job at once (`retention run`); only she is answered.
    when: async (world, _closed: Closed, driver) => {
      world.clock.set(YEARS_LATER);
      await driver.command('aldona', 'retention run');
    },
    // The staff channel's two messages of this inquiry — its announcement and the handover note in its thread: an edit in
    // place names the message, not its place, so both drivers read them as `channel`.
    expect: ['private:aldona post reply.retention_run []', 'channel update notice.anonymised []', 'channel update notice.anonymised []', 'dm:jonas update notice.anonymised []', 'dm:ona update notice.anonymised []'],
  },
  {
    id: 'A02',
    title: 'R12.records: an inquiry under legal hold is not anonymised → nothing is edited or sent',
    given: async (world) => {
      const closed = await closedAfterHandover(world);
      await world.app.retention.setLegalHold(world.staff.vida.id, closed.registryNumber, true);
      return closed;
    },
    when: (world) => runNow(world),
    expect: [],
  },
  {
    id: 'A04',
    title: 'issue #15: vida (a manager) types `hold <number> on` → only she is answered; ona (a representative) is refused; nothing else is shown',
    given: closedAfterHandover,
    when: async (_world, { registryNumber }: Closed, driver) => {
      await driver.command('vida', `hold ${registryNumber} on`);
      await driver.command('ona', `hold ${registryNumber} off`);
    },
    expect: ['private:vida post reply.hold_on []', 'private:ona post error.STAFF.NOT_ALLOWED []'],
  },
  {
    id: 'A03',
    title: 'issue #15: the evening before, each admin (ada, aldona) is DMed how many inquiries the night will anonymise, with a link to the list; representatives and managers are not told',
    // Each platform's row has a night of its own (closed a day apart): the other platform's admins were told of the first.
    given: async (world, platform) => {
      if (platform === 'teams') world.clock.set('2027-03-02T10:00:00+02:00');
      return closedAfterHandover(world);
    },
    when: async (world, closed: Closed, driver) => {
      // Five years (1825 days) after closing, at 16:00: that night's run will take it.
      const night = driver.platform === 'slack' ? '2032-02-29' : '2032-03-01';
      world.clock.set(driver.platform === 'slack' ? '2032-02-28T16:00:00+02:00' : '2032-02-29T16:00:00+02:00');
      await world.app.scheduler.now('retention');
      await eventually(async () => {
        const [told] = await world.app.dataSource.query('SELECT count(*)::int AS n FROM retention_notices_told WHERE platform = $1 AND night = $2', [driver.platform, night]);
        expect(told.n).toBe(2);
      });
      // Kept from later rows' runs: this row is about the notice only.
      await world.app.retention.setLegalHold(world.staff.aldona.id, closed.registryNumber, true);
    },
    expect: ['dm:ada post notice.retention_due [link]', 'dm:aldona post notice.retention_due [link]'],
  },
  {
    id: 'A05',
    title:
      'R12.records: a chat copy deleted on the platform (Slack message_not_found or cant_update_message, Teams 404) counts as clean → the other copies are still edited and the delivery ends; nothing is posted',
    given: closedAfterHandover,
    when: async (world, closed: Closed, driver) => {
      const [announcement] = await world.app.dataSource.query(`SELECT channel_id, message_id FROM chat_posts WHERE platform = $1 AND inquiry_id = $2 AND purpose = 'announcement'`, [driver.platform, closed.inquiryId]);
      if (driver.platform === 'slack') {
        // Someone deleted the announcement, and the thread note can no longer be edited.
        world.wire.api.failOnce('chat.update', (body) => body.ts === announcement.message_id, { error: 'message_not_found' });
        world.wire.api.failOnce('chat.update', (body) => body.channel === announcement.channel_id && body.ts !== announcement.message_id, { error: 'cant_update_message' });
      } else {
        // The announcement is edited first (copies in the order they were posted); Teams answers 404: deleted.
        world.wire.connector.failNext(1, 404);
      }
      await runNow(world);
      await world.settle();
      // Not retried for ever behind the gone copy: the event is delivered, nothing of it is left pending.
      const [delivery] = await world.app.dataSource.query(`SELECT delivered_at FROM outbox WHERE consumer = $1 AND inquiry_id = $2 AND event_type = 'anonymised'`, [driver.platform, closed.inquiryId]);
      expect(delivery.delivered_at).not.toBeNull();
      const refused = driver.platform === 'slack' ? world.wire.api.calls.filter((call) => call.method === 'chat.update' && call.status !== 200).map((call) => call.body.ts) : world.wire.connector.calls.filter((call) => call.status === 404).map((call) => call.activityId);
      expect(refused).toContain(announcement.message_id);
    },
    expect: (_closed, platform) =>
      platform === 'slack'
        ? ['dm:jonas update notice.anonymised []', 'dm:ona update notice.anonymised []']
        : ['channel update notice.anonymised []', 'dm:jonas update notice.anonymised []', 'dm:ona update notice.anonymised []'],
  },
  {
    id: 'A06',
    title:
      'R12.records, R4.owner: the owner asked `show <number>` (the story: contacts, messages) → anonymised → on Teams that answer, kept in his 1:1 chat, is edited to the number and state with the other copies; Slack’s answer was ephemeral: nothing more; nothing is posted',
    given: async (world, platform) => {
      const closed = await closedAfterHandover(world);
      await world.drivers[platform].command('jonas', `show ${closed.registryNumber}`);
      return closed;
    },
    when: (world) => runNow(world),
    // The announcement and the handover note (`channel`), the handover DMs, and on Teams the answer to `show` (a message
    // in jonas's 1:1 chat, read back as `dm:jonas` once edited).
    expect: (_closed, platform) => [
      'channel update notice.anonymised []',
      'channel update notice.anonymised []',
      'dm:jonas update notice.anonymised []',
      'dm:ona update notice.anonymised []',
      ...(platform === 'teams' ? ['dm:jonas update notice.anonymised []'] : []),
    ],
  },
];
