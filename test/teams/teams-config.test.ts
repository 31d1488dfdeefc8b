import { installedInTeam, postActivity, teamsUser } from './support/activities.js';
import { startTestApp } from '../support/app.js';

describe('Teams configuration', () => {
  it('Teams is off when neither an app id nor Emulator mode is configured', async () => {
    const t = await startTestApp();
    try {
      expect((await postActivity(t.app.url, installedInTeam('http://127.0.0.1:9/', teamsUser('Ona', 2)))).status).toBe(404);
    } finally {
      await t.stop();
    }
  });

  it('with an app id, an activity without a Bot Framework token is refused', async () => {
    const t = await startTestApp({}, undefined, {
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
    });
    try {
      expect((await postActivity(t.app.url, installedInTeam('http://127.0.0.1:9/', teamsUser('Ona', 2)))).status).toBe(401);
      const [{ count }] = await t.app.dataSource.query(`SELECT count(*)::int AS count FROM conversation_references`);
      expect(count).toBe(0);
    } finally {
      await t.stop();
    }
  });
});

describe('configured staff channel', () => {
  it('R4.owner: with TEAMS_STAFF_CHANNEL set, that channel is the staff channel even though the app was added to the team’s General channel', async () => {
    const { FakeConnector } = await import('./support/connector.js');
    const connector = await new FakeConnector().start();
    const t = await startTestApp({}, undefined, { TEAMS_EMULATOR: 'true', TEAMS_STAFF_CHANNEL: '19:staff-only@thread.tacv2' });
    try {
      expect((await postActivity(t.app.url, installedInTeam(connector.url, teamsUser('Ona', 2)))).status).toBe(200);
      const [row] = await t.app.dataSource.query(`SELECT reference FROM conversation_references WHERE platform = 'teams' AND key = 'staff_channel'`);
      expect(row.reference).toMatchObject({ conversationId: '19:staff-only@thread.tacv2' });
    } finally {
      await t.stop();
      await connector.stop();
    }
  });
});

describe('Bot Framework Emulator on localhost', () => {
  it('R14.reply-1wd: the Emulator’s chat (no AAD ids, no Teams channel data) gets commands answered and reminders', async () => {
    const { FakeConnector } = await import('./support/connector.js');
    const { eventually, emailedRequest, ManualClock } = await import('../support/app.js');
    const connector = await new FakeConnector().start();
    const t = await startTestApp({ clock: new ManualClock(new Date('2027-03-01T10:00:00+02:00')) }, undefined, { TEAMS_EMULATOR: 'true' });
    try {
      const emulatorUser = '5a2f8e1c-0d6b-4c1e-9a3f-111111111111';
      await t.app.staff.importMembers([{ firstName: 'Ona', surname: 'Onaitė', email: 'ona@daigelis.lt', teamsUserId: emulatorUser }]);
      const conversationId = '8f1c2d3e|livechat';
      const activity = {
        type: 'message', id: 'e-1', channelId: 'emulator', serviceUrl: connector.url, locale: 'lt-LT', text: 'mine',
        from: { id: emulatorUser, name: 'User', role: 'user' }, recipient: { id: 'bot-1', name: 'Bot', role: 'bot' }, conversation: { id: conversationId },
      };
      expect((await postActivity(t.app.url, activity)).status).toBe(200);
      await eventually(() => expect(connector.replies(conversationId)).toHaveLength(1));

      const { inquiry } = await t.app.inquiries.register(emailedRequest({ receivedAt: '2027-03-01T09:00:00+02:00' }));
      const staff = await t.app.staff.findByTeamsUser(emulatorUser);
      await t.app.inquiries.claim(inquiry.id, staff.id);
      await t.app.notices.notify({ inquiryId: inquiry.id, deadline: 'first_reply', stage: 'reminder', dueAt: inquiry.firstReplyDue });
      await eventually(() => expect(connector.sent(conversationId).map((call) => JSON.stringify(call.body))).toContainEqual(expect.stringContaining(`Priminimas: į ${inquiry.registryNumber}`)));
    } finally {
      await t.stop();
      await connector.stop();
    }
  });
});
