import type { Scenario } from '../scenario.js';

/**
 * R12.records: `audit <from> <to>` — an admin gets a signed, expiring link to the audit log's CSV, privately; anyone
 * else is refused with a coded error, privately; nobody else is told either way.
 */
export const auditRows: Scenario[] = [
  {
    id: 'AU01',
    title: 'R12.records: `audit` by an admin → the CSV link of the audit log, privately; nobody else is told',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('aldona', 'audit 2027-01-01 2027-01-31'),
    expect: ['private:aldona post audit.ready [link]'],
  },
  {
    id: 'AU02',
    title: 'R12.records: `audit` by a representative → refused (STAFF.NOT_ALLOWED), privately; no link is made',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('ona', 'audit 2027-01-01 2027-01-31'),
    expect: ['private:ona post error.STAFF.NOT_ALLOWED []'],
  },
  {
    id: 'AU03',
    title: 'R12.records: `audit` by a manager → refused too: the log is the admins’',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('vida', 'audit 2027-01-01 2027-01-31'),
    expect: ['private:vida post error.STAFF.NOT_ALLOWED []'],
  },
  {
    id: 'AU04',
    title: 'R12.records: `audit` with a period that ends before it starts → AUDIT.PERIOD_INVALID, privately',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('aldona', 'audit 2027-02-01 2027-01-01'),
    expect: ['private:aldona post error.AUDIT.PERIOD_INVALID []'],
  },
  {
    id: 'AU05',
    title: '`audit` without dates → that word’s usage, privately',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('aldona', 'audit'),
    expect: ['private:aldona post command.usage []'],
  },
];
