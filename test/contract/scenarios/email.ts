import { eventually } from '../../support/app.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { OWNER_ACTIONS } from './inquiry.js';
import { consumersOf, happened, missedOnce, ownedBy, progressNoteOf } from './support.js';

/**
 * Rows of a world with outgoing client e-mail on (`startWorld({ email: true })`: SMTP_URL set, capabilities.email):
 * what the notices offer or say differs where e-mail can reach the client, and `email_requested` happens at all.
 */
type Owned = { inquiryId: string };
type Noted = Owned & { noteId: string };

/** What the announcement offers the owner when the client can be e-mailed here (canEmailClient): Reply by e-mail too. */
const OWNER_ACTIONS_EMAIL = OWNER_ACTIONS.replace(' resolve', ' reply_email resolve');
const OWNER_ACTIONS_EMAIL_REPLIED = OWNER_ACTIONS_EMAIL.replace(' mark_replied', '');

/** The client's address of the row's inquiry, and the e-mails the SMTP server got for it (after the mailer ran). */
async function mailTo(world: World, inquiryId: string): Promise<number> {
  const { inquiry } = await world.app.queries.get(inquiryId);
  return world.smtp!.to(inquiry.client.email!).length;
}

/** `email_requested` happened, went to the mailer only (no platform's lane), and the mailer sent it (`email_sent`). */
async function emailed(world: World, inquiryId: string): Promise<void> {
  // A click is carried out after Slack's acknowledgement (its work queue): wait for it.
  await eventually(() => happened(world, inquiryId, 'email_requested'));
  expect(await consumersOf(world, inquiryId, 'email_requested')).toEqual(['mailer']);
  await eventually(async () => expect(await mailTo(world, inquiryId)).toBe(1));
  await eventually(() => happened(world, inquiryId, 'email_sent'));
}

export const emailRows: Scenario[] = [
  {
    id: 'C07',
    title: 'R31.callback: the retry failed and the client has e-mail (SMTP on) → ona is offered the missed-call e-mail draft; card and call note as ever',
    drift: 'D5',
    given: async (world) => {
      const owned = await ownedBy(world, 'ona');
      await missedOnce(world, owned.inquiryId, 'ona');
      return owned;
    },
    when: async (world, { inquiryId }: Owned) => {
      await world.app.calls.logCall(inquiryId, world.staff.ona.id, { outcome: 'no_answer' });
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS_EMAIL}]`, 'thread post notice.call_logged []', 'dm:ona post notice.callback_failed [open reply_email.draft]'],
  },
  {
    id: 'W08',
    title: 'R19.status: ona clicks Inform the client on her offer, the client has e-mail → the clicked DM shows the outcome; the thread is told; the e-mail leaves',
    drift: 'D16',
    given: async (world): Promise<Noted> => {
      const owned = await ownedBy(world, 'ona');
      return { ...owned, noteId: await progressNoteOf(world, owned.inquiryId, 'ona') };
    },
    when: async (world, { inquiryId }: Noted, driver) => {
      await driver.press({ by: 'ona', action: 'inform_client', inquiryId, dmOf: 'ona' });
      await emailed(world, inquiryId);
    },
    // The clicked DM loses its buttons on both. Slack keeps the offer's words and adds the outcome under them
    // (replaceButtons), so the driver still names it by the offer; Teams answers the invoke with the outcome card alone.
    expect: (_context, platform) => [
      platform === 'slack' ? 'dm:ona update notice.progress_offer []' : 'dm:ona update reply.informed.email []',
      'thread post notice.client_informed []',
    ],
  },
  {
    id: 'M08',
    title: 'R14.reply-1wd / R12.records: ona replies by e-mail → the card drops Mark replied; `email_requested` and `email_sent` are no news in chat',
    given: (world) => ownedBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.mail.messaging.replyToClient(inquiryId, world.staff.ona.id, 'Laba diena, vieta bus nuo rugsėjo.');
      await emailed(world, inquiryId);
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS_EMAIL_REPLIED}]`],
  },
];
