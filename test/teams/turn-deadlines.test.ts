import { withSigningDeadline } from '../../src/bot/teams/deadlines.js';
import type { SilentProxy } from '../support/silent-proxy.js';
import { message } from './support/activities.js';
import { people, startTeamsBehindProxy, type TeamsHarness } from './support/teams-app.js';

const DEADLINE_MS = 300;

/**
 * botbuilder's own requests during a turn (here `turn.sendActivity` of the help reply) to a Bot Connector on a
 * half-open connection: the turn ends in time, the server keeps serving, and works again once the connector answers.
 */
describe('Teams turn replies with a Bot Connector that never answers', () => {
  let h: TeamsHarness;
  let teams: SilentProxy;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ h, teams, stop } = await startTeamsBehindProxy({ CHAT_API_TIMEOUT_SECONDS: String(DEADLINE_MS / 1000) }));
  });
  afterAll(() => stop?.());

  const helpFromOna = () => h.post(message(`${teams.url}/`, people.ona, 'help', { personal: true }));
  const chat = `a:personal-${people.ona.id}`;

  it('R12.records: a turn whose reply hangs ends within its deadlines, the server keeps serving, and a later activity is answered', async () => {
    teams.hang();
    const swallowedBefore = teams.swallowed;
    const started = Date.now();
    const turn = helpFromOna();

    // While the turn waits on the connector, the server answers other requests.
    const health = await fetch(`${h.t.app.url}/healthz`);
    expect(health.status).toBeLessThan(600);
    await health.body?.cancel();

    const answer = await turn;
    const elapsed = Date.now() - started;
    // The reply, the listener's error message and the turn-error apology each give up after one deadline:
    // the turn is over in a few deadlines instead of never. The failure was handled (logged, the user told when
    // possible), so the endpoint answers 200 and Teams does not resend the message.
    expect(answer.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(elapsed).toBeLessThan(4 * DEADLINE_MS + 1500);
    expect(teams.swallowed).toBeGreaterThan(swallowedBefore);
    expect(h.connector.replies(chat)).toHaveLength(0);

    teams.answer();
    const later = await helpFromOna();
    expect(later.status).toBe(200);
    expect(h.connector.replies(chat)).toHaveLength(1);
  });

  it('R12.records: a Microsoft login that never answers fails the request signing at its deadline', async () => {
    const hung = { signRequest: () => new Promise<never>(() => undefined), appId: 'app-1' };
    const timed = withSigningDeadline(hung as unknown as Parameters<typeof withSigningDeadline>[0], DEADLINE_MS);
    const started = Date.now();
    await expect(timed.signRequest({} as never)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 500);
    // The rest of the SDK's credentials object is untouched.
    expect((timed as unknown as { appId: string }).appId).toBe('app-1');
  });
});
