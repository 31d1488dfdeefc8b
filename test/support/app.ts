import { startApp, type AppOverrides, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/domain/clock.js';
import { DomainError } from '../../src/domain/errors.js';
import type { InquiryEvent, InquiryEventType } from '../../src/domain/events.js';
import type { Notifier, ServiceHappening } from '../../src/domain/notifier.js';
import type { StaffMember } from '../../src/domain/staff.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { TEST_DATA_KEYS } from './encryption-keys.js';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** A notifier that records what it was given and can be told to fail its first deliveries. */
export class RecordingNotifier implements Notifier {
  readonly events: InquiryEvent[] = [];
  attempts = 0;
  constructor(
    readonly name = 'recorder',
    private failuresLeft = 0,
  ) {}
  accepts(type: InquiryEventType): boolean {
    return type !== 'deadlines_changed';
  }
  async handle(event: InquiryEvent): Promise<void> {
    this.attempts += 1;
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('platform unavailable');
    }
    this.events.push(event);
  }
  ofType(type: InquiryEventType): InquiryEvent[] {
    return this.events.filter((event) => event.type === type);
  }
  readonly happenings: ServiceHappening[] = [];
  async happen(happening: ServiceHappening): Promise<void> {
    this.happenings.push(happening);
  }
}

export interface TestApp {
  app: RunningApp;
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * Starts the whole service on a fresh database (or on `database`, which it then leaves in place), with fast outbox
 * polling and a quiet log (or `logger`, for tests that read the log).
 */
export async function startTestApp(overrides: AppOverrides = {}, database?: TestDatabase, env: Record<string, string> = {}, logger?: Logger): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  // The stand-in Slack has no rate limits; the tests of the shared schedule turn pacing on.
  const config = loadConfig({ DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_KEYS: TEST_DATA_KEYS, SLACK_PACING: 'false', ...env });
  const app = await startApp(config, logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), {
    dispatcher: { pollMs: 50, baseBackoffMs: 20, maxBackoffMs: 200 },
    schedulerProcessEvery: 200,
    // agenda keeps a liveness timer of half the lock lifetime after each job, which would hold jest open for
    // 30 s after the tests; 10 s still leaves a slow run under load far from expiring its lock.
    schedulerLockLifetimeMs: 10_000,
    ...overrides,
  });
  return {
    app,
    database: db,
    async stop() {
      await app.stop();
      if (!database) await db.drop();
    },
  };
}

/** Awaits a command that must be refused with the coded error `code`, and gives the error for a closer look. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

/** Retries `assertion` until it passes or `timeoutMs` runs out; for effects that happen after a commit. */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Imports a small staff directory: a manager and three representatives reporting to her. */
export async function seedStaff(app: RunningApp): Promise<Record<'manager' | 'ona' | 'jonas' | 'rasa', StaffMember>> {
  await app.staff.importMembers([
    { firstName: 'Vida', surname: 'Vadovė', email: 'vida@daigelis.lt', roles: ['manager', 'representative'], position: 'Direktoriaus pavaduotoja', phone: '+37060000001', slackUserId: 'UMANAGER1' },
    { firstName: 'Ona', surname: 'Onaitė', email: 'ona@daigelis.lt', manager: 'vida@daigelis.lt', position: 'Auklėtoja', phone: '+37060000002', slackUserId: 'UONA00001' },
    { firstName: 'Jonas', surname: 'Jonaitis', email: 'jonas@daigelis.lt', manager: 'vida@daigelis.lt', slackUserId: 'UJONAS001', language: 'en' },
    { firstName: 'Rasa', surname: 'Rasaitė', email: 'rasa@daigelis.lt', manager: 'vida@daigelis.lt' },
  ]);
  const byEmail = async (email: string) => {
    const { TypeormStaffRepository } = await import('../../src/persistence/staff.typeorm-repository.js');
    return (await new TypeormStaffRepository(app.dataSource.manager).findByEmail(email))!;
  };
  return {
    manager: await byEmail('vida@daigelis.lt'),
    ona: await byEmail('ona@daigelis.lt'),
    jonas: await byEmail('jonas@daigelis.lt'),
    rasa: await byEmail('rasa@daigelis.lt'),
  };
}

/** An e-mailed request as intake would register it. */
export function emailedRequest(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'request' as const,
    channel: 'email' as const,
    externalId: `<${Math.random().toString(36).slice(2)}@tėvai.lt>`,
    client: { name: 'Giedrė Žemaitienė', email: 'giedre@example.lt', phone: null, language: 'lt' },
    subject: 'Dėl vietos darželyje',
    body: 'Laba diena, norėčiau sužinoti apie laisvas vietas ąčęėįšųūž.',
    // Far enough ahead that its reminders never fire during a test unless the test means them to.
    receivedAt: '2027-03-01T09:00:00+02:00',
    ...overrides,
  };
}
