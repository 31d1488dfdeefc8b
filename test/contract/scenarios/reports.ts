import type { Scenario } from '../scenario.js';

/**
 * R60.internal: `report` (src/bot/core/reports) — one view, decided once, answered privately to the asker on every
 * platform with its CSV link; nobody else is told.
 */
export const reportRows: Scenario[] = [
  {
    id: 'Q01',
    title: 'R60.internal: `report` by a representative → this week’s report with its CSV link, privately; nobody else is told',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('ona', 'report'),
    expect: ['private:ona post report.title.week [link]'],
  },
  {
    id: 'Q02',
    title: 'R60.internal: `report month` by a manager → the month’s report for her team, privately',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('vida', 'report month'),
    expect: ['private:vida post report.title.month [link]'],
  },
  {
    id: 'Q03',
    title: '`report` with a period it does not know → that word’s usage, privately; no report is made',
    given: async () => ({}),
    when: (_world, _context, driver) => driver.command('ona', 'report year'),
    expect: ['private:ona post command.usage []'],
  },
];
