import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { emailedRequest, eventually } from '../support/app.js';
import { FakeSlackApi } from './support/fake-slack-api.js';
import { blockAction } from './support/payloads.js';
import { seedStaff, startTestApp, type TestApp } from '../support/app.js';

/**
 * Socket Mode (the default manifest): Slack keeps a WebSocket open to the app instead of posting to it. A local
 * WebSocket server plays Slack's side: it says hello, sends an envelope, and expects the envelope's ack back.
 */
describe('Socket Mode', () => {
  let api: FakeSlackApi;
  let sockets: WebSocketServer;
  let t: TestApp;
  const connected: WebSocket[] = [];
  const received: Array<Record<string, any>> = [];

  beforeAll(async () => {
    sockets = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => sockets.once('listening', resolve));
    sockets.on('connection', (socket) => {
      connected.push(socket);
      socket.on('message', (data) => received.push(JSON.parse(String(data))));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { approximate_connection_time: 3600 }, connection_info: { app_id: 'A0TEST001' } }));
    });
    api = await new FakeSlackApi().start();
    api.answer('apps.connections.open', { ok: true, url: `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link` });
    t = await startTestApp({ notifiers: [] }, undefined, {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-1-test',
      SLACK_STAFF_CHANNEL: 'C0STAFF01',
      SLACK_API_URL: api.apiUrl,
    });
    await seedStaff(t.app);
  });

  afterAll(async () => {
    await t.stop();
    for (const socket of connected) socket.terminate();
    await new Promise((resolve) => sockets.close(resolve));
    await api.stop();
  });

  it('R4.owner: a Claim click arriving over the socket is acked by envelope id and claims the inquiry; no HTTP route is open', async () => {
    // The socket is opened in the background: the start does not wait for Slack.
    await eventually(() => expect(connected).toHaveLength(1));
    const { inquiry } = await t.app.inquiries.register(emailedRequest());
    await eventually(() => expect(api.ok('chat.postMessage', (body) => JSON.stringify(body.blocks ?? []).includes(inquiry.id))).toHaveLength(1));
    connected[0]!.send(JSON.stringify({
      envelope_id: 'env-claim-1',
      type: 'interactive',
      accepts_response_payload: false,
      payload: blockAction('UONA00001', 'claim', inquiry.id, { channel: 'C0STAFF01', ts: '1800000000.000001' }),
    }));
    await eventually(() => expect(received.some((message) => message.envelope_id === 'env-claim-1')).toBe(true));
    await eventually(async () => expect((await t.app.queries.get(inquiry.id)).owner?.slackUserId).toBe('UONA00001'));
    expect((await fetch(`${t.app.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
