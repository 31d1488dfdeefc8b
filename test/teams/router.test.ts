import type { TurnContext } from 'botbuilder';
import type { StaffMember } from '../../src/domain/staff.js';
import { TeamsRouter } from '../../src/bot/teams/router.js';
import { createLogger } from '../../src/logger.js';

const member: StaffMember = {
  id: 'staff-1', firstName: 'Ona', surname: 'Onaitė', position: null, phone: null, email: 'ona@daigelis.lt', language: 'lt',
  roles: ['representative'], slackUserId: null, teamsUserId: 'aad-1', managerId: null, active: true,
};

/** The two things the router uses of a turn: the activity and sending (the invoke response). */
function invokeTurn(verb: string) {
  const sent: Array<{ type: string; value: { status: number; body: any } }> = [];
  const context = {
    activity: { type: 'invoke', name: 'adaptiveCard/action', locale: 'lt-LT', from: { id: '29:x', aadObjectId: 'aad-1' }, recipient: { id: '28:bot' }, value: { action: { verb, data: {} } } },
    sendActivity: async (activity: (typeof sent)[number]) => {
      sent.push(activity);
      return { id: 'x' };
    },
  } as unknown as TurnContext;
  return { context, sent };
}

describe('Teams router', () => {
  it('R4.owner: an invoke whose work outlives Teams’ time limit is answered “under way” and the work still finishes', async () => {
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    let done = false;
    const router = new TeamsRouter(async () => member, createLogger('silent'), 10);
    router.onAction('slow', async () => {
      await gate;
      done = true;
      return { message: 'finished' };
    });
    const { context, sent } = invokeTurn('slow');
    await router.run(context);
    expect(sent).toEqual([{ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Vykdoma… Kortelė atsinaujins, kai bus baigta.' } } }]);
    expect(done).toBe(false);
    finish();
    await router.drain();
    expect(done).toBe(true);
  });

  it('a quick invoke is answered with its own result', async () => {
    const router = new TeamsRouter(async () => member, createLogger('silent'));
    router.onAction('quick', async () => ({ message: 'atlikta' }));
    const { context, sent } = invokeTurn('quick');
    await router.run(context);
    expect(sent[0]!.value.body.value).toBe('atlikta');
  });
});
