import { mailIntakeAlertsHandler } from '../../src/jobs/mail-intake-alerts.job.js';
import { TypeormMailIntakeFailures } from '../../src/persistence/mail-intake-failures.js';
import { RecordingNotifier, startTestApp, type TestApp } from '../support/app.js';
import { createLogger } from '../../src/logger.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

const failure = (uid: number) => ({ mailbox: 'INBOX', uidValidity: '7', uid, messageIdHash: 'a1b2', reason: 'db:22021' });

describe('R12.records: the admins hear of every e-mail the intake could not register', () => {
  it('each platform tells it once: a platform that fails is asked again next run, without the one that answered telling it twice', async () => {
    const failures = new TypeormMailIntakeFailures(t.app.dataSource);
    await failures.record(failure(501));
    const slack = new RecordingNotifier('slack');
    const teams = new RecordingNotifier('teams');
    let teamsDown = true;
    const flaky = Object.assign(Object.create(teams) as RecordingNotifier, {
      happen: async (happening: Parameters<RecordingNotifier['happen']>[0]) => {
        if (teamsDown) throw new Error('connector unreachable');
        return teams.happen(happening);
      },
    });
    const run = mailIntakeAlertsHandler({ failures, notifiers: () => [slack, flaky], logger: createLogger('silent') });

    await run();
    expect(slack.happenings).toEqual([{ type: 'mail_unregistered', mailbox: 'INBOX', uid: 501, reason: 'db:22021', firstSeenAt: expect.any(Date) }]);
    expect(teams.happenings).toEqual([]);

    teamsDown = false;
    await run();
    expect(slack.happenings).toHaveLength(1);
    expect(teams.happenings.map((happening) => 'uid' in happening && happening.uid)).toEqual([501]);

    await run();
    expect(slack.happenings).toHaveLength(1);
    expect(teams.happenings).toHaveLength(1);
  });

  it('what is told names the message and the reason code, never its sender or words', async () => {
    const failures = new TypeormMailIntakeFailures(t.app.dataSource);
    await failures.record(failure(502));
    const slack = new RecordingNotifier('slack-pii');
    await mailIntakeAlertsHandler({ failures, notifiers: () => [slack], logger: createLogger('silent') })();
    const told = slack.happenings.find((happening) => 'uid' in happening && happening.uid === 502)!;
    expect(Object.keys(told).sort()).toEqual(['firstSeenAt', 'mailbox', 'reason', 'type', 'uid']);
  });
});
