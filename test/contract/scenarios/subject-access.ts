import type { Scenario } from '../scenario.js';

/**
 * Issue #15 item 3, R12.records: `export <e-mail or phone>` — an admin gets a signed, expiring link to everything
 * stored about that person, privately; anyone else is refused with a coded error, privately; nobody else is told
 * either way (the channel, the owner and the managers hear nothing of it).
 */
export const subjectAccessRows: Scenario[] = [
  {
    id: 'SA01',
    title: 'R12.records: `export <e-mail>` by an admin → the link to the person’s data export, privately; nobody else is told',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('aldona', 'export giedre@example.lt'),
    expect: ['private:aldona post subject_access.ready [link]'],
  },
  {
    id: 'SA02',
    title: 'R12.records: `export <phone>` (typed with spaces) by an admin → the link, privately',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('aldona', 'export +370 612 34567'),
    expect: ['private:aldona post subject_access.ready [link]'],
  },
  {
    id: 'SA03',
    title: 'R12.records: `export` by a representative → refused (STAFF.NOT_ALLOWED), privately; no link is made, nobody else is told',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('ona', 'export giedre@example.lt'),
    expect: ['private:ona post error.STAFF.NOT_ALLOWED []'],
  },
  {
    id: 'SA04',
    title: 'R12.records: `export` by a manager → refused too: subject access is the admins’',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('vida', 'export giedre@example.lt'),
    expect: ['private:vida post error.STAFF.NOT_ALLOWED []'],
  },
  {
    id: 'SA05',
    title: 'R12.records: `export` with a name instead of an e-mail or phone → SUBJECT_ACCESS.CONTACT_INVALID, privately',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('aldona', 'export Giedrė Žemaitienė'),
    expect: ['private:aldona post error.SUBJECT_ACCESS.CONTACT_INVALID []'],
  },
  {
    id: 'SA06',
    title: '`export` without a contact → that word’s usage, privately',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('aldona', 'export'),
    expect: ['private:aldona post command.usage []'],
  },
];
