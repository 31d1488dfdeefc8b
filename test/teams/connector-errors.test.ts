import { translateConnectorError, TeamsConnectorError } from '../../src/bot/teams/errors.js';
import { createTeamsAdapter } from '../../src/bot/teams/teams-adapter.js';
import { loadConfig } from '../../src/config.js';
import { FakeConnector } from './support/connector.js';

describe('Teams connector errors', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
  });
  afterAll(() => connector.stop());

  it('a failed Bot Connector call keeps its status but drops the request and response (no client data in logs)', async () => {
    const client = await createTeamsAdapter(loadConfig({ TEAMS_EMULATOR: 'true', HOST: '127.0.0.1' })).connector(connector.url);
    connector.failNext(1, 404);
    const caught = await client.conversations.sendToConversation('a:personal-1', { type: 'message', text: 'Giedrė Žemaitienė, Dėl vietos darželyje' }).then(
      () => null,
      (error: unknown) => error,
    );
    // The SDK's error carries the request, card and all…
    expect(String((caught as { request?: { body?: unknown } }).request?.body)).toContain('Giedrė');
    const safe = translateConnectorError(caught) as TeamsConnectorError;
    expect(safe).toBeInstanceOf(TeamsConnectorError);
    expect(safe).toMatchObject({ statusCode: 404, code: 'ServiceError' });
    // …the translated one keeps only the status and the service's code.
    expect(Object.getOwnPropertyNames(safe).sort()).toEqual(['code', 'message', 'name', 'stack', 'statusCode']);
    expect(`${safe.message} ${safe.stack}`).not.toContain('Giedrė');
  });

  it('errors that are not the SDK’s pass through unchanged', () => {
    const error = new Error('database down');
    expect(translateConnectorError(error)).toBe(error);
  });
});
