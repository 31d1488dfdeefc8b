import { eventually } from '../../support/app.js';
import type { CastName } from '../cast.js';
import type { Scenario } from '../scenario.js';
import type { World } from '../world.js';
import { OWNER_ACTIONS } from './inquiry.js';
import { answeredBy, consumersOf, happened, PHONE_CLIENT, redeliver } from './support.js';

/**
 * R60.external, client ratings, in a world with outgoing client e-mail on. A rating is never news for the channel;
 * a score of 1–2 goes to the owner's direct manager alone (DM, Acknowledge and Open), 3–5 to nobody; the client's
 * comment is in no message at all. Asking the client and voiding a request are silent (timeline and outbox only).
 */
type Owned = { inquiryId: string };
type Asked = Owned & { token: string };

/** What the announcement offers the owner of a reopened inquiry when the client can be e-mailed (canEmailClient). */
const OWNER_ACTIONS_EMAIL_REPLIED = OWNER_ACTIONS.replace(' resolve', ' reply_email resolve').replace(' mark_replied', '');
/** The owner's direct manager's DM about a low score, as first shown. */
const LOW_TO_VIDA = 'dm:vida post notice.rated.low [acknowledge_rating open]';
const COMMENT = 'Atsakė per vėlai, niekas nepaskambino';

/** The one-click link's token from the rating e-mail the client got (R60.external: five links, one token). */
async function ratingToken(world: World, inquiryId: string): Promise<string> {
  const { inquiry } = await world.app.queries.get(inquiryId);
  return eventually(async () => {
    const mail = world.smtp!.to(inquiry.client.email!).find((received) => /\/rating\//.test(received.parsed.text ?? ''));
    expect(mail).toBeDefined();
    const tokens = [...(mail!.parsed.text ?? '').matchAll(/\/rating\/([A-Za-z0-9_-]+)\?score=([1-5])/g)];
    expect(tokens.map((match) => match[2])).toEqual(['1', '2', '3', '4', '5']);
    expect(new Set(tokens.map((match) => match[1])).size).toBe(1);
    return tokens[0]![1]!;
  });
}

/** ona's e-mail client's inquiry, answered and resolved; the rating e-mail has arrived. */
async function asked(world: World): Promise<Asked> {
  const owned = await answeredBy(world, 'ona', { resolved: true });
  return { ...owned, token: await ratingToken(world, owned.inquiryId) };
}

/** The client submits the rating page, as a browser posts its form. */
async function clientRates(world: World, token: string, score: number, comment = ''): Promise<void> {
  const response = await fetch(`${world.app.url}/rating/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ score: String(score), comment }).toString(),
  });
  expect(response.status).toBe(200);
}

/** ona's phone client's inquiry, answered and resolved (phone and in-person clients are rated by staff). */
const phoneResolved = async (world: World): Promise<Owned> => {
  const inquiry = await world.newInquiry(PHONE_CLIENT);
  await world.app.inquiries.claim(inquiry.id, world.staff.ona.id);
  await world.app.inquiries.recordFirstReply(inquiry.id, world.staff.ona.id);
  await world.app.inquiries.resolve(inquiry.id, world.staff.ona.id);
  return { inquiryId: inquiry.id };
};

const staffRecords = (by: CastName, score: number, comment: string | null = null) => async (world: World, { inquiryId }: Owned) => {
  await world.app.ratings.record(inquiryId, world.staff[by].id, { score, comment });
};

/** A low score the client gave from the e-mail link: vida's DM with the buttons is before the mark. */
const ratedLow = async (world: World): Promise<Asked> => {
  const context = await asked(world);
  await clientRates(world, context.token, 2, COMMENT);
  await eventually(() => happened(world, context.inquiryId, 'rated'));
  return context;
};

export const ratingRows: Scenario[] = [
  {
    id: 'R01',
    title: 'R60.external: ona resolves an e-mail client’s inquiry → the client gets five one-click score links (rating_requested: silent); the card shows it resolved; nobody is DMed',
    given: (world) => answeredBy(world, 'ona'),
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.resolve(inquiryId, world.staff.ona.id);
      await ratingToken(world, inquiryId);
      await eventually(() => happened(world, inquiryId, 'rating_requested'));
      // Asking is a record, not news: no platform even gets the event.
      expect(await consumersOf(world, inquiryId, 'rating_requested')).toEqual([]);
    },
    expect: ['announcement update inquiry.card [close open write_letter]'],
  },
  {
    id: 'R02',
    title: 'R60.external: the client rates 2 with a comment on the rating page → only ona’s direct manager vida is DMed (Acknowledge, Open); ona, the channel and the thread are not told',
    given: asked,
    when: async (world, { inquiryId, token }: Asked) => {
      await clientRates(world, token, 2, COMMENT);
      await eventually(() => happened(world, inquiryId, 'rated'));
    },
    expect: [LOW_TO_VIDA],
  },
  {
    id: 'R03',
    title: 'R60.external: the client rates 5 → nobody is told (no channel post, no DM)',
    given: asked,
    when: async (world, { inquiryId, token }: Asked) => {
      await clientRates(world, token, 5, 'Ačiū, viskas gerai');
      await eventually(() => happened(world, inquiryId, 'rated'));
    },
    expect: [],
  },
  {
    id: 'R04',
    title: 'R60.external: vida presses Acknowledge on the low score → her DM shows it in place of the buttons; nobody else is told',
    given: ratedLow,
    when: async (world, { inquiryId }: Asked, driver) => {
      await driver.press({ by: 'vida', action: 'acknowledge_rating', inquiryId, dmOf: 'vida' });
      await eventually(() => happened(world, inquiryId, 'rating_acknowledged'));
    },
    // The DM loses its buttons on both and shows the acknowledgement. Teams answers the invoke with the outcome card
    // for the clicker too (as for every notice button), before the notifier's keyed update.
    expect: (_context, platform) => ['dm:vida update notice.rated.low []', ...(platform === 'teams' ? ['dm:vida update reply.rating_acknowledged []'] : [])],
  },
  {
    id: 'R05',
    title: 'R60.external: ona reopens the inquiry → its pending rating request is void (rating_voided: silent) and the link refused; the card only',
    given: asked,
    when: async (world, { inquiryId, token }: Asked) => {
      await world.app.inquiries.reopen(inquiryId, world.staff.ona.id, 'Klientas parašė dar kartą');
      await eventually(() => happened(world, inquiryId, 'rating_voided'));
      expect(await world.app.ratings.view(token)).toEqual({ state: 'void', language: 'lt' });
    },
    expect: [`announcement update inquiry.card [${OWNER_ACTIONS_EMAIL_REPLIED}]`],
  },
  {
    id: 'R06',
    title: 'R60.external: a resolved phone client’s inquiry → the card offers Record rating; no e-mail asks',
    given: async (world) => {
      const inquiry = await world.newInquiry(PHONE_CLIENT);
      await world.app.inquiries.claim(inquiry.id, world.staff.ona.id);
      await world.app.inquiries.recordFirstReply(inquiry.id, world.staff.ona.id);
      return { inquiryId: inquiry.id };
    },
    when: async (world, { inquiryId }: Owned) => {
      await world.app.inquiries.resolve(inquiryId, world.staff.ona.id);
    },
    expect: ['announcement update inquiry.card [close open record_rating write_letter]'],
  },
  {
    id: 'R07',
    title: 'R60.external: ona records her phone client’s 1 with a comment → vida alone is DMed (Acknowledge, Open); the comment is in no message',
    given: phoneResolved,
    when: staffRecords('ona', 1, COMMENT),
    expect: [LOW_TO_VIDA],
  },
  {
    id: 'R08',
    title: 'R60.external: ona records her phone client’s 4 → nobody is told',
    given: phoneResolved,
    when: staffRecords('ona', 4, 'Malonu'),
    expect: [],
  },
  {
    id: 'R09',
    title: 'R60.external / R12.records: the outbox hands `rated` over again → vida’s DM is updated in place, not posted twice; nobody else',
    given: ratedLow,
    when: (world, { inquiryId }: Asked, driver) => redeliver(world, driver.platform, inquiryId, 'rated'),
    expect: [LOW_TO_VIDA.replace(' post ', ' update ')],
  },
  {
    id: 'R10',
    title: 'R60.external: simona’s manager tomas is inactive → her phone client’s 2 tells nobody (never the channel instead)',
    given: async (world) => {
      const inquiry = await world.newInquiry(PHONE_CLIENT);
      await world.app.inquiries.claim(inquiry.id, world.staff.simona.id);
      await world.app.inquiries.recordFirstReply(inquiry.id, world.staff.simona.id);
      await world.app.inquiries.resolve(inquiry.id, world.staff.simona.id);
      return { inquiryId: inquiry.id };
    },
    when: staffRecords('simona', 2),
    expect: [],
  },
];
