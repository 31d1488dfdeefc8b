import type { Scenario } from './scenario.js';
import { callRows } from './scenarios/calls.js';
import { clickRows } from './scenarios/clicks.js';
import { EVENT_COVERAGE } from './scenarios/coverage.js';
import { deadlineRows } from './scenarios/deadlines.js';
import { emailRows } from './scenarios/email.js';
import { escalationRows } from './scenarios/escalations.js';
import { inquiryRows } from './scenarios/inquiry.js';
import { mailRows } from './scenarios/mail.js';
import { metRows } from './scenarios/met.js';
import { platformRows } from './scenarios/platform.js';
import { ratingRows } from './scenarios/ratings.js';
import { retentionRows } from './scenarios/retention.js';
import { stallRows } from './scenarios/stalls.js';
import { workflowRows } from './scenarios/workflows.js';

/** Every scenario table the contract suite runs (one `*.contract.test.ts` each). */
const TABLES: Record<string, readonly Scenario[]> = {
  calls: callRows,
  clicks: clickRows,
  deadlines: deadlineRows,
  email: emailRows,
  escalations: escalationRows,
  inquiry: inquiryRows,
  mail: mailRows,
  met: metRows,
  platform: platformRows,
  ratings: ratingRows,
  retention: retentionRows,
  stalls: stallRows,
  workflows: workflowRows,
};
const ROWS = Object.values(TABLES).flat();

/**
 * The contract suite covers every domain event kind on both platforms (plan §6.3): `EVENT_COVERAGE` has an entry per
 * `InquiryEventType` (the compiler sees to that), and here each entry names rows that exist and run on both platforms.
 */
describe('contract: every domain event kind has a row', () => {
  test('row ids are unique across the tables', () => {
    const ids = ROWS.map((row) => row.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  test.each(Object.entries(EVENT_COVERAGE))('%s is exercised by rows that exist: %p', (_type, ids) => {
    expect(ids.length).toBeGreaterThan(0);
    const missing = ids.filter((id) => !ROWS.some((row) => row.id === id));
    expect(missing).toEqual([]);
  });

  test('each kind has a row that passes on both platforms (a row drifting somewhere proves nothing there)', () => {
    const steady = (id: string) => ROWS.some((row) => row.id === id && (row.failsOn?.length ?? 0) === 0);
    const uncovered = Object.entries(EVENT_COVERAGE).filter(([, ids]) => !ids.some(steady)).map(([type]) => type);
    expect(uncovered).toEqual([]);
  });
});
