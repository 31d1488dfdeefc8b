import { RetentionLinks } from '../../src/domain/retention-link.js';
import { RetentionService } from '../../src/domain/retention.service.js';
import type { RetentionReads, RetentionUnitOfWork } from '../../src/domain/retention.js';

/** Issue #15: which night a run belongs to and when it may anonymise, in the institution's zone (DST included). */
const at = (iso: string) => new Date(iso);
const service = (now: string) => {
  const clock = { now: () => at(now) };
  const reads: RetentionReads = { due: async () => [] };
  return new RetentionService({} as RetentionUnitOfWork, reads, new RetentionLinks('retention-secret-0123456789', 3_600_000, clock), clock, {
    periods: { request: 1, question: 1, complaint: 1 },
    runHour: 2,
    zone: 'Europe/Vilnius',
  });
};

describe('R12.records: the nightly run', () => {
  it.each([
    ['2027-03-10T16:00:00+02:00', '2027-03-11', '2027-03-11T02:00:00+02:00'],
    ['2027-03-11T01:59:00+02:00', '2027-03-11', '2027-03-11T02:00:00+02:00'],
    ['2027-03-11T02:00:00+02:00', '2027-03-12', '2027-03-12T02:00:00+02:00'],
    // The night summer time begins (last Sunday of March, 03:00 → 04:00): the run is still at 02:00 local.
    ['2027-03-27T20:00:00+02:00', '2027-03-28', '2027-03-28T02:00:00+02:00'],
    ['2027-03-28T20:00:00+03:00', '2027-03-29', '2027-03-29T02:00:00+03:00'],
  ])('at %s the next run is the night of %s, starting %s', (now, night, runsAt) => {
    expect(service(now).nextNight()).toEqual({ night, runsAt: at(runsAt) });
  });

  it.each([
    ['2027-03-11T01:59:00+02:00', false],
    ['2027-03-11T02:00:00+02:00', true],
    ['2027-03-11T05:59:00+02:00', true],
    ['2027-03-11T06:00:00+02:00', false],
    ['2027-03-11T16:00:00+02:00', false],
  ])('at %s the run window is open: %s', (now, open) => {
    expect(service(now).inRunWindow()).toBe(open);
  });

  it('R12.records: a list link opens only its own night, for its own admin', () => {
    const links = new RetentionLinks('retention-secret-0123456789', 3_600_000, { now: () => at('2027-03-10T16:00:00+02:00') });
    const query = links.sign('2027-03-11', 'admin-1');
    expect(links.verify(query)).toEqual({ ok: true, night: '2027-03-11', staffId: 'admin-1' });
    expect(links.verify({ ...query, night: '2027-03-12' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(links.verify({ ...query, night: 'yesterday' })).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('issue #15: the retention commands, understood once for both platforms', () => {
  it.each([
    ['hold 2027-000012 on', { do: 'hold', reference: '2027-000012', on: true }],
    ['hold 2027-000012 OFF', { do: 'hold', reference: '2027-000012', on: false }],
    ['hold 2027-000012 įjungti', { do: 'hold', reference: '2027-000012', on: true }],
    ['hold 2027-000012', { do: 'usage', word: 'hold' }],
    ['hold 2027-000012 maybe', { do: 'usage', word: 'hold' }],
    ['retention run', { do: 'retention_run' }],
    ['retention', { do: 'usage', word: 'retention' }],
  ])('%s', async (text, intent) => {
    const { parseCommand } = await import('../../src/bot/core/commands/intent.js');
    expect(parseCommand(text, [])).toEqual(intent);
  });
});
