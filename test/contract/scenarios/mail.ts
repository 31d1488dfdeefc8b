import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { clientWrites, ownedBy, ownedByInactive, queuedEmail } from './support.js';

type Owned = { inquiryId: string };
type Queued = Owned & { emailId: string };

const writes = (world: World, { inquiryId }: Owned) => clientWrites(world, inquiryId);

/** An e-mail signed by the owner (ona, or inactive ieva), waiting for the mailer. */
const queued = (sender: 'ona' | 'ieva') => async (world: World): Promise<Queued> => {
  const owned = sender === 'ieva' ? await ownedByInactive(world, 'ieva') : await ownedBy(world, 'ona');
  return { ...owned, emailId: await queuedEmail(world, owned.inquiryId, sender) };
};

/** A silent row proves nothing unless the event did happen: its timeline entry says it did. */
async function happened(world: World, inquiryId: string, action: 'email_failed' | 'email_sent'): Promise<void> {
  const { timeline } = await world.app.queries.get(inquiryId);
  if (!timeline.some((entry) => entry.action === action)) throw new Error(`no ${action} on the timeline`);
}

/** What the mailer reports of a send the server refused for good (src/mail/mailer.consumer.ts). */
const refused = async (world: World, { inquiryId, emailId }: Queued) => {
  await world.app.mail.messaging.recordFailure(emailId, '550 mailbox unavailable', true);
  await happened(world, inquiryId, 'email_failed');
};

const WROTE_DM = (name: string) => `dm:${name} post notice.client_message [open]`;
const WROTE_THREAD = 'thread post notice.client_message [open]';

export const mailRows: Scenario[] = [
  {
    id: 'M01',
    title: 'R4.owner: the client writes on ona’s inquiry → ona is DMed with Open; no thread',
    given: (world) => ownedBy(world, 'ona'),
    when: writes,
    expect: [WROTE_DM('ona')],
  },
  {
    id: 'M02',
    title: 'R4.owner: the client writes and nobody owns the inquiry → the thread hears it, with Open',
    given: async (world) => ({ inquiryId: (await world.newInquiry()).id }),
    when: writes,
    expect: [WROTE_THREAD],
  },
  {
    id: 'M03',
    title: 'R4.owner: the client writes, owner ieva is inactive → the thread; ieva nothing',
    drift: 'D1',
    given: (world) => ownedByInactive(world, 'ieva'),
    when: writes,
    expect: [WROTE_THREAD],
  },
  {
    id: 'M03b',
    title: 'R4.owner: owner rasa is on Teams only → Teams DMs her; Slack stays silent (she is reached, not missing)',
    drift: 'D22',
    given: (world) => ownedBy(world, 'rasa'),
    when: writes,
    expect: (_context, platform) => (platform === 'teams' ? [WROTE_DM('rasa')] : []),
  },
  {
    id: 'M03c',
    title: 'R4.owner: owner petras is on Slack only → Slack DMs him; Teams stays silent',
    drift: 'D22',
    given: (world) => ownedBy(world, 'petras'),
    when: writes,
    expect: (_context, platform) => (platform === 'slack' ? [WROTE_DM('petras')] : []),
  },
  {
    id: 'M04',
    title: 'R12.records: ona’s e-mail to the client was refused → ona alone is told, with Open',
    given: queued('ona'),
    when: refused,
    expect: ['dm:ona post notice.email_failed [open]'],
  },
  {
    id: 'M05',
    title: 'R12.records: the refused e-mail was signed by inactive ieva → nobody is told',
    drift: 'D1',
    given: queued('ieva'),
    when: refused,
    expect: [],
  },
  {
    id: 'M06',
    title: 'R12.records: an e-mail that left as it should (`email_sent`) is no news on either platform',
    given: queued('ona'),
    when: async (world, { inquiryId, emailId }: Queued) => {
      await world.app.mail.messaging.recordSent(emailId);
      await happened(world, inquiryId, 'email_sent');
    },
    expect: [],
  },
];
