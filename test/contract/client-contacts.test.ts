import { blockAction } from '../slack/support/payloads.js';
import { postInteraction } from '../slack/support/signed-requests.js';
import { cardAction, postActivity } from '../teams/support/activities.js';
import { cardsIn } from '../teams/support/cards.js';
import { slackIdOf, teamsIdOf, type CastName } from './cast.js';
import { MONDAY_MORNING, startWorld, type World } from './world.js';

/*
 * Issue #13, the client's contacts where staff act — on both platforms: the owner's DMs carry the phone as a
 * `tel:` link and the e-mail as a `mailto:` link; the announcement the whole channel reads says only which exist.
 */
let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world?.stop());

const PHONE = '+370 612 34567';

/** What `who` sees on clicking Open (Details) of an inquiry on each platform. */
async function details(who: CastName, inquiryId: string): Promise<{ slack: string; teams: string }> {
  const before = world.wire.api.calls.length;
  await postInteraction(`${world.app.url}/slack/events`, blockAction(slackIdOf(who), 'details', inquiryId, { channel: 'C0STAFF01', ts: '1.1' }));
  await world.settle();
  const slack = JSON.stringify(world.wire.api.calls.slice(before).filter((call) => call.method === 'chat.postEphemeral' && call.body.user === slackIdOf(who)));
  const answer = await postActivity(world.app.url, cardAction(world.wire.connector.url, teamsIdOf(who), 'inquiry.details', { inquiryId, view: 'details' }));
  return { slack, teams: JSON.stringify(answer.body?.value) };
}

describe('the client’s contacts', () => {
  let inquiryId: string;
  let email: string;
  beforeAll(async () => {
    world.clock.set(MONDAY_MORNING);
    const inquiry = await world.newInquiry({ channel: 'phone', client: { name: 'Giedrė Žemaitienė', email: 'giedre.contacts@example.lt', phone: PHONE, language: 'lt' } });
    inquiryId = inquiry.id;
    email = inquiry.client.email!;
    await world.app.inquiries.claim(inquiryId, world.staff.ona.id);
    await world.settle();
    const { inquiry: current } = await world.app.queries.get(inquiryId);
    await world.app.notices.notify({ inquiryId, deadline: 'first_reply', stage: 'reminder', dueAt: current.firstReplyDue });
    await world.settle();
  });

  it('R29.agreed-time (Slack): the owner’s reminder links the number to dial and the address to write to', () => {
    const dms = world.wire.api.ok('chat.postMessage', (body) => body.channel === `D${world.staff.ona.slackUserId!.slice(1)}` && JSON.stringify(body).includes(inquiryId));
    const shown = JSON.stringify(dms.at(-1)?.blocks);
    expect(shown).toContain('<tel:+37061234567|+370 612 34567>');
    expect(shown).toContain(`<mailto:${email}|${email}>`);
  });

  it('R29.agreed-time (Teams): the owner’s reminder card makes the number and the address links', () => {
    const dms = world.wire.connector.calls.filter((call) => call.method === 'POST' && call.conversationId.startsWith('a:personal-') && JSON.stringify(call.body).includes(inquiryId));
    const card = JSON.stringify(cardsIn(dms.at(-1)!.body));
    expect(card).toContain('"url":"tel:+37061234567"');
    expect(card).toContain(`"url":"mailto:${email}"`);
  });

  it('R15.register: the announcement in the channel names which contacts exist, not the number or the address, on both platforms', () => {
    const slack = JSON.stringify(world.wire.api.ok('chat.postMessage', (body) => body.channel === 'C0STAFF01' && JSON.stringify(body).includes(inquiryId)));
    const teams = JSON.stringify(world.wire.connector.calls.filter((call) => !call.conversationId.startsWith('a:personal-') && JSON.stringify(call.body).includes(inquiryId)));
    for (const channel of [slack, teams]) {
      expect(channel).toContain('telefonas, el. paštas');
      expect(channel).not.toContain('612 34567');
      expect(channel).not.toContain(email);
    }
  });

  it('R29.agreed-time: in Details the owner (ona) and a manager (vida) get the contacts as links, on both platforms', async () => {
    for (const who of ['ona', 'vida'] as const) {
      const shown = await details(who, inquiryId);
      expect(shown.slack).toContain('<tel:+37061234567|+370 612 34567>');
      expect(shown.teams).toContain('"url":"tel:+37061234567"');
      expect(shown.teams).toContain(`"url":"mailto:${email}"`);
    }
  });

  it('R4.owner: a colleague who is neither the owner nor a manager (jonas) sees which contacts exist, not the number', async () => {
    const shown = await details('jonas', inquiryId);
    for (const view of [shown.slack, shown.teams]) {
      expect(view).toContain('phone, e-mail'); // jonas reads English
      expect(view).not.toContain('612 34567');
      // R4.owner: no owner's action is offered to him in his private view (it would only be refused).
      expect(view).not.toMatch(/log_call|mark_replied|inquiry_more/);
      // Issue #15 (least privilege): the family's message is not his to browse; he is told who sees it.
      expect(view).not.toContain('norėčiau sužinoti');
      expect(view).toContain('Only the owner and managers see');
    }
    // The owner still reads it.
    const owner = await details('ona', inquiryId);
    for (const view of [owner.slack, owner.teams]) expect(view).toContain('norėčiau sužinoti');
  });

  it('R29.agreed-time: a call vida plans on ona’s inquiry reaches ona with the number to dial, on both platforms; the thread note never carries it', async () => {
    const [slackBefore, teamsBefore] = [world.wire.api.calls.length, world.wire.connector.calls.length];
    await world.app.calls.scheduleCall(inquiryId, world.staff.vida.id, { at: new Date('2027-03-02T11:00:00+02:00'), plan: 'Paaiškinti eilės tvarką' });
    await world.settle();
    const slack = world.wire.api.calls.slice(slackBefore).filter((call) => call.method === 'chat.postMessage' && call.status === 200).map((call) => call.body);
    const teams = world.wire.connector.calls.slice(teamsBefore).filter((call) => call.method === 'POST');
    const slackDm = JSON.stringify(slack.filter((body) => body.channel === `D${world.staff.ona.slackUserId!.slice(1)}`));
    const teamsDm = JSON.stringify(teams.filter((call) => call.conversationId.startsWith('a:personal-')).map((call) => cardsIn(call.body)));
    expect(slackDm).toContain('<tel:+37061234567|+370 612 34567>');
    expect(teamsDm).toContain('"url":"tel:+37061234567"');
    const threads = [JSON.stringify(slack.filter((body) => body.channel === 'C0STAFF01')), JSON.stringify(teams.filter((call) => !call.conversationId.startsWith('a:personal-')))];
    for (const thread of threads) {
      expect(thread).toContain('Paaiškinti eilės tvarką');
      expect(thread).not.toContain('612 34567');
      expect(thread).not.toContain(email);
    }
  });
});

describe('an inquiry nobody owns, in Details', () => {
  it('R4.owner: a manager (vida) is offered Hand over beside Claim; a colleague (jonas) only Claim — on both platforms', async () => {
    world.clock.set(MONDAY_MORNING);
    const { id } = await world.newInquiry();
    await world.settle();
    const manager = await details('vida', id);
    expect(manager.slack).toContain('"action_id":"claim"');
    expect(manager.slack).toContain('hand_over');
    expect(manager.teams).toContain('"verb":"inquiry.claim"');
    expect(manager.teams).toContain('hand_over');
    const colleague = await details('jonas', id);
    expect(colleague.slack).toContain('"action_id":"claim"');
    expect(colleague.teams).toContain('"verb":"inquiry.claim"');
    for (const view of [colleague.slack, colleague.teams]) expect(view).not.toContain('hand_over');
  });
});
