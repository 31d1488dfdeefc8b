import { emailedRequest } from '../support/app.js';
import type { SilentProxy } from '../support/silent-proxy.js';
import { announcementOf, eventually, startTeamsBehindProxy, type TeamsHarness } from './support/teams-app.js';

/** The Bot Connector on a half-open connection: calls fail within the deadline, and nothing is lost. */
describe('Bot Connector accepting connections and never answering', () => {
  let h: TeamsHarness;
  let teams: SilentProxy;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ h, teams, stop } = await startTeamsBehindProxy({ CHAT_API_TIMEOUT_SECONDS: '0.3', HEALTH_STUCK_AFTER_SECONDS: '2' }));
  });
  afterAll(() => stop?.());

  const health = async () => {
    const response = await fetch(`${h.t.app.url}/healthz`);
    return { status: response.status, body: await response.json() };
  };

  it('R12.records: a hung connector call fails in time, /healthz shows Teams down and then 503 stuck; once it answers the announcement is sent once', async () => {
    teams.hang();
    const { inquiry } = await h.t.app.inquiries.register(emailedRequest());
    await eventually(async () => expect((await health()).body.platforms.teams).toMatchObject({ state: 'down', reason: 'timeout' }));
    expect(teams.swallowed).toBeGreaterThan(0);
    await eventually(async () => {
      const answer = await health();
      expect(answer.status).toBe(503);
      expect(answer.body.status).toBe('stuck');
    });

    teams.answer();
    await announcementOf(h, inquiry.id);
    await eventually(async () => expect((await health()).body).toMatchObject({ status: 'ok', platforms: { teams: { state: 'up' } } }));
    const posts = h.connector.sent().filter((call) => JSON.stringify(call.body).includes(inquiry.registryNumber));
    expect(posts).toHaveLength(1);
  });
});
