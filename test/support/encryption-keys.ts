import { createHash } from 'node:crypto';

/** A data key of a test run's own (never a machine's key file): `id:base64`, made from a name so tests can rotate. */
export function testDataKey(id: string): string {
  return `${id}:${createHash('sha256').update(`langelis-test-data-key ${id}`).digest('base64')}`;
}

/** What every test app and test process is given as DATA_KEYS unless a test says otherwise. */
export const TEST_DATA_KEYS = testDataKey('test1');
