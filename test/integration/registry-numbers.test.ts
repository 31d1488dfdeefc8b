import { emailedRequest, ManualClock, RecordingNotifier, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
const recorder = new RecordingNotifier();
/** A year no other test here registers in, so its numbering starts at 1. */
const YEAR = '2029';

const REFUSED_AT_WRITE = 'refused by the database as it is written';
const REFUSED_AT_COMMIT = 'refused by the database at commit';

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(new Date(`${YEAR}-03-01T10:00:00+02:00`)), notifiers: [recorder] });
  // Failures after the number is taken: one in the very statement that takes it, one when the transaction commits.
  await t.database.asOwner(`
    CREATE FUNCTION refuse_test_inquiry() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.subject = '${REFUSED_AT_WRITE}' AND TG_WHEN = 'BEFORE' THEN RAISE EXCEPTION 'refused as written'; END IF;
      IF NEW.subject = '${REFUSED_AT_COMMIT}' AND TG_WHEN = 'AFTER' THEN RAISE EXCEPTION 'refused at commit'; END IF;
      RETURN NEW;
    END $$`);
  await t.database.asOwner('CREATE TRIGGER refuse_as_written BEFORE INSERT ON inquiries FOR EACH ROW EXECUTE FUNCTION refuse_test_inquiry()');
  await t.database.asOwner(`
    CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON inquiries DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION refuse_test_inquiry()`);
});
afterAll(() => t.stop());

const register = (subject: string) => t.app.inquiries.register(emailedRequest({ subject, receivedAt: `${YEAR}-03-01T09:00:00+02:00` }));

describe('registry numbers under load', () => {
  it('R15.register: 20 concurrent registrations, some failing after their number was taken, get distinct numbers without gaps', async () => {
    const subjects = Array.from({ length: 20 }, (_, i) => (i % 7 === 3 ? REFUSED_AT_WRITE : i % 7 === 5 ? REFUSED_AT_COMMIT : `Prašymas ${i}`));
    const outcomes = await Promise.allSettled(subjects.map(register));

    const refused = subjects.filter((subject) => subject === REFUSED_AT_WRITE || subject === REFUSED_AT_COMMIT).length;
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(refused);
    const registered = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(registered.every((result) => result.created)).toBe(true);
    const numbers = registered.map((result) => result.inquiry.registryNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 20 - refused }, (_, i) => `${YEAR}-${String(i + 1).padStart(6, '0')}`));

    // The database agrees: the failed ones left no row, no count, and no stand-in anywhere.
    const stored: Array<{ registry_number: string }> = await t.app.dataSource.query(
      `SELECT registry_number FROM inquiries WHERE registry_number LIKE $1 ORDER BY registry_number`,
      [`${YEAR}-%`],
    );
    expect(stored.map((row) => row.registry_number)).toEqual(numbers);
    const [{ last_number: last }] = await t.app.dataSource.query('SELECT last_number FROM registry_counters WHERE year = $1', [Number(YEAR)]);
    expect(last).toBe(20 - refused);
    const events: Array<{ payload: { registryNumber: string }; registry_number: string }> = await t.app.dataSource.query(
      `SELECT o.payload, i.registry_number FROM outbox o JOIN inquiries i ON i.id = o.inquiry_id WHERE i.registry_number LIKE $1`,
      [`${YEAR}-%`],
    );
    expect(events.length).toBeGreaterThanOrEqual(2 * (20 - refused));
    for (const event of events) expect(event.payload.registryNumber).toBe(event.registry_number);
    const timeline: Array<{ entries: number }> = await t.app.dataSource.query(
      `SELECT count(t.id)::int AS entries FROM inquiries i LEFT JOIN inquiry_timeline t ON t.inquiry_id = i.id
       WHERE i.registry_number LIKE $1 GROUP BY i.id`,
      [`${YEAR}-%`],
    );
    expect(timeline.map((row) => row.entries)).toEqual(numbers.map(() => 2));

    // The next one continues the run.
    const next = await register('Dar vienas prašymas');
    expect(next.inquiry.registryNumber).toBe(`${YEAR}-${String(21 - refused).padStart(6, '0')}`);
  });
});
