import type { RunningApp } from '../../../src/app.js';
import { ManualClock } from '../../support/app.js';
import { startSlackHarness, type SlackHarness } from '../../slack/support/slack-harness.js';
import { startTeams, type TeamsHarness } from '../../teams/support/teams-app.js';

/** Both platforms' harnesses for one test file, started before its tests with the clock at Monday 10:00 in Vilnius; the drivers a file builds on them. */
export function bothPlatforms<D>(make: (slack: SlackHarness, teams: TeamsHarness) => D[]): D[] {
  const drivers: D[] = [];
  let slack: SlackHarness | undefined;
  let teams: TeamsHarness | undefined;
  beforeAll(async () => {
    slack = await startSlackHarness({ clock: new ManualClock(new Date('2027-03-01T10:00:00+02:00')) });
    teams = await startTeams();
    drivers.push(...make(slack, teams));
  });
  afterAll(async () => {
    await slack?.stop();
    await teams?.stop();
  });
  return drivers;
}

/** An e-mailed request claimed by Ona on `app`; `tag` keeps its Message-ID apart from other files' and platforms'. */
export async function onasInquiry(app: RunningApp, onaId: string, tag: string) {
  const { inquiry } = await app.inquiries.register({
    kind: 'request', channel: 'email', externalId: `<${tag}-${Math.random()}@example.com>`,
    client: { name: 'Petras Petraitis', email: 'petras@example.com', phone: null, language: 'lt' },
    subject: 'Dėl vietos grupėje', body: 'Laba diena', receivedAt: new Date('2027-03-01T09:00:00+02:00'),
  } as Parameters<RunningApp['inquiries']['register']>[0]);
  return app.inquiries.claim(inquiry.id, onaId);
}
