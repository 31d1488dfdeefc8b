import { emailedRequest, eventually, ManualClock } from '../support/app.js';
import { blockKitViolations } from './support/block-kit-limits.js';
import { blockAction, choice, text, viewSubmission, when } from './support/payloads.js';
import { postInteraction } from './support/signed-requests.js';
import { startSlackHarness, STAFF_CHANNEL, type SlackHarness } from './support/slack-harness.js';
import { savedText } from './support/workflow-steps.js';

let h: SlackHarness;
const clock = new ManualClock(new Date('2027-03-01T10:00:00+02:00'));

beforeAll(async () => {
  h = await startSlackHarness({ clock });
  await h.t.app.staff.importMembers([
    { firstName: 'Dalia', surname: 'Direktorė', email: 'direktore@daigelis.lt', roles: ['head'], slackUserId: 'UHEAD0001' },
    { firstName: 'Adelė', surname: 'Administratorė', email: 'admin@daigelis.lt', roles: ['admin'], slackUserId: 'UADMIN001', language: 'en' },
    { firstName: 'Petras', surname: 'Be Vadovo', email: 'petras@daigelis.lt', slackUserId: 'UPETRAS01' },
  ]);
});
afterAll(() => h.stop());
afterEach(() => expect(blockKitViolations(h.api.calls)).toEqual([]));


/** Claims an inquiry as `slackUser` and escalates it through the Escalate button and its form. */
async function escalateThroughSlack(slackUser: string, ownerId: string, values: Parameters<typeof viewSubmission>[2]) {
  const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
  const ts = await h.announcementOf(inquiry.id);
  await h.t.app.inquiries.claim(inquiry.id, ownerId);
  await postInteraction(h.events, blockAction(slackUser, 'escalate', inquiry.id, { channel: STAFF_CHANNEL, ts }));
  const view = await eventually(() => {
    const found = h.api.ok('views.open', (body) => body.view.callback_id === 'escalate' && body.view.private_metadata.includes(inquiry.id));
    expect(found).toHaveLength(1);
    return found[0]!.view;
  });
  const answer = await postInteraction(h.events, viewSubmission(slackUser, 'escalate', values, JSON.parse(view.private_metadata)));
  return { inquiry, ts, answer };
}

const incident = { type: choice('incident'), whatHappened: text('Klientas grasino darbuotojai'), clientToldWhat: text('Kad perduosime vadovei'), followUpAt: when(null) };

function dmTo(channel: string, contains: string) {
  return eventually(() => {
    const found = h.api.ok('chat.postMessage', (body) => body.channel === channel && String(body.text).includes(contains));
    expect(found).toHaveLength(1);
    return found[0]!;
  });
}

describe('escalation', () => {
  it('R54.escalate-unresolved: a conflict needs what the client was told and a follow-up time, shown beside the fields', async () => {
    const { answer, inquiry } = await escalateThroughSlack('UONA00001', h.staff.ona.id, { type: choice('conflict'), whatHappened: text('Nesutaria dėl mokesčio'), clientToldWhat: text(null), followUpAt: when(null) });
    expect(answer.json).toEqual({ response_action: 'errors', errors: { clientToldWhat: 'Privaloma užpildyti', followUpAt: 'Privaloma užpildyti' } });
    expect((await h.t.app.queries.get(inquiry.id)).escalations).toHaveLength(0);
  });

  it('R58.incident: the manager gets a DM with the summary and Acknowledge / Take over / Refer to head; the head decides; everyone is told', async () => {
    const { inquiry, answer } = await escalateThroughSlack('UONA00001', h.staff.ona.id, incident);
    expect(savedText(answer)).toBe(`${inquiry.registryNumber}: perduota vadovui.`);
    const dm = await dmTo('DMANAGER1', inquiry.registryNumber);
    expect(dm.text).toBe(`SKUBU: Ona Onaitė praneša apie netinkamą elgesį ar galimą pažeidimą dėl ${inquiry.registryNumber}.`);
    const dmText = JSON.stringify(dm.blocks);
    expect(dmText).toContain('Klientas grasino darbuotojai');
    expect(dmText).toContain('Kad perduosime vadovei');
    const buttons = dm.blocks.find((block: any) => block.type === 'actions').elements;
    expect(buttons.map((button: any) => button.action_id)).toEqual(['escalation_acknowledge', 'escalation_take_over', 'escalation_refer', 'details']);
    const escalationId = buttons[0].value;
    // Stored once Slack's answer to the DM is read, a moment after the fake API saw the request.
    const dmTs = await eventually(async () => {
      const [post] = await h.t.app.dataSource.query(`SELECT message_id FROM chat_posts WHERE platform = 'slack' AND purpose = $1`, [`escalation:${escalationId}`]);
      expect(post).toBeDefined();
      return post.message_id as string;
    });

    // Acknowledge: the raiser hears it; the manager's buttons give way to the outcome, in place.
    await postInteraction(h.events, blockAction('UMANAGER1', 'escalation_acknowledge', escalationId, { channel: 'DMANAGER1', ts: dmTs }));
    await dmTo('DONA00001', `Vida Vadovė susipažino su perdavimu dėl ${inquiry.registryNumber}.`);
    await eventually(() => {
      const [update] = h.api.ok('chat.update', (body) => body.ts === dmTs);
      expect(update).toBeDefined();
      expect(update!.blocks.some((block: any) => block.type === 'actions')).toBe(false);
      expect(JSON.stringify(update!.blocks)).toContain('susipažino');
    });

    // Refer to head → the head gets Report / Do not report; her decision is recorded and told.
    await postInteraction(h.events, blockAction('UMANAGER1', 'escalation_refer', escalationId, { channel: 'DMANAGER1', ts: dmTs }));
    const headDm = await dmTo('DHEAD0001', inquiry.registryNumber);
    expect(headDm.blocks.find((block: any) => block.type === 'actions').elements.map((button: any) => button.action_id)).toEqual([
      'escalation_report', 'escalation_do_not_report', 'details',
    ]);
    await postInteraction(h.events, blockAction('UHEAD0001', 'escalation_report', escalationId, { channel: 'DHEAD0001', ts: '1.1' }));
    const decision = `Direktoriaus sprendimas dėl ${inquiry.registryNumber}: pranešti kompetentingoms institucijoms.`;
    await dmTo('DMANAGER1', decision);
    await dmTo('DONA00001', decision);
    const [stored] = (await h.t.app.queries.get(inquiry.id)).escalations;
    expect(stored).toMatchObject({ status: 'decided', reportedToAuthorities: true });
  });

  it('R54.escalate-unresolved: Take over makes the manager the owner and the announcement shows her', async () => {
    const { inquiry, ts } = await escalateThroughSlack('UONA00001', h.staff.ona.id, {
      type: choice('conflict'), whatHappened: text('Nesutaria dėl mokesčio'), clientToldWhat: text('Paskambinsime rytoj'), followUpAt: when(new Date('2027-03-02T10:00:00+02:00')),
    });
    const dm = await dmTo('DMANAGER1', inquiry.registryNumber);
    expect(dm.blocks.find((block: any) => block.type === 'actions').elements.map((button: any) => button.action_id)).toEqual([
      'escalation_acknowledge', 'escalation_take_over', 'details',
    ]);
    const escalationId = dm.blocks.find((block: any) => block.type === 'actions').elements[0].value;
    await postInteraction(h.events, blockAction('UMANAGER1', 'escalation_take_over', escalationId, { channel: 'DMANAGER1', ts: '1.1' }));
    await eventually(async () => expect((await h.t.app.queries.get(inquiry.id)).inquiry.ownerId).toBe(h.staff.manager.id));
    // D19: the clicked DM's buttons give way to the outcome at once, naming the manager who clicked — as on Teams.
    await eventually(() => {
      const [replaced] = h.api.ok('chat.update', (body) => body.channel === 'DMANAGER1' && body.ts === '1.1');
      expect(replaced).toBeDefined();
      expect(replaced!.blocks.some((block: any) => block.type === 'actions')).toBe(false);
      expect(JSON.stringify(replaced!.blocks)).toContain(`Vida Vadovė perėmė užklausą ${inquiry.registryNumber}.`);
    });
    await eventually(() => expect(h.api.ok('chat.update', (body) => body.ts === ts && JSON.stringify(body.blocks).includes('Vida Vadovė'))).not.toHaveLength(0));
  });

  it('R54.escalate-unresolved: with no manager the raiser and the admins are told and the escalation stays pending', async () => {
    const petras = (await h.t.app.staff.findBySlackUser('UPETRAS01'))!;
    const { inquiry } = await escalateThroughSlack('UPETRAS01', petras.id, incident);
    await dmTo('DPETRAS01', `Jūsų tiesioginis vadovas nenurodytas arba nepasiekiamas, todėl perdavimas dėl ${inquiry.registryNumber} laukia.`);
    await dmTo('DADMIN001', `The escalation of ${inquiry.registryNumber} by Petras Be Vadovo is pending: no reachable direct manager. Please set one.`);
    const [stored] = (await h.t.app.queries.get(inquiry.id)).escalations;
    expect(stored).toMatchObject({ status: 'pending', managerId: null });
  });

  it('only the manager who received it may act on an escalation: others are told privately', async () => {
    const { inquiry } = await escalateThroughSlack('UJONAS001', h.staff.jonas.id, incident);
    const dm = await dmTo('DMANAGER1', inquiry.registryNumber);
    const escalationId = dm.blocks.find((block: any) => block.type === 'actions').elements[0].value;
    await postInteraction(h.events, blockAction('UONA00001', 'escalation_take_over', escalationId, { channel: 'DMANAGER1', ts: '1.1' }));
    await eventually(() =>
      expect(h.api.ok('chat.postEphemeral', (body) => body.user === 'UONA00001' && body.text === 'Tai gali atlikti tik perdavimą gavęs vadovas.')).toHaveLength(1),
    );
    expect((await h.t.app.queries.get(inquiry.id)).escalations[0]!.status).toBe('pending');
  });
});
