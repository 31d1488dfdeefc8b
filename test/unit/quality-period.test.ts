import { LithuanianHolidays } from '../../src/calendar/lithuanian-holidays.js';
import { standardOfficeHours } from '../../src/domain/calendar/office-hours.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { periodOf, previousPeriod, trendStarts } from '../../src/domain/quality/period.js';
import type { Period, PeriodName } from '../../src/domain/quality/report.js';

/** Times are Europe/Vilnius local with their offset: +02:00 in winter, +03:00 in summer. */
const ZONE = 'Europe/Vilnius';
const at = (iso: string) => new Date(iso);
const span = (period: Period) => [period.from.toISOString(), period.to.toISOString()];
const local = (from: string, to: string) => [at(from).toISOString(), at(to).toISOString()];

describe('R60.internal: periods in the institution’s calendar', () => {
  it.each<[string, PeriodName, string, 'current' | 'last', string, string]>([
    // [case, name, now, which, from, to]
    ['a week is Monday–Sunday', 'week', '2027-03-03T10:00:00+02:00', 'current', '2027-03-01T00:00:00+02:00', '2027-03-08T00:00:00+02:00'],
    ['Monday 00:30 local is already the new week (22:30 UTC on Sunday)', 'week', '2027-03-07T22:30:00Z', 'current', '2027-03-08T00:00:00+02:00', '2027-03-15T00:00:00+02:00'],
    ['Sunday 23:59 local is still the old week', 'week', '2027-03-07T23:59:00+02:00', 'current', '2027-03-01T00:00:00+02:00', '2027-03-08T00:00:00+02:00'],
    // 22–29 March 2027: the clocks go forward on Sunday 28th, so the week is 167 hours long.
    ['the week of the spring DST change', 'week', '2027-03-24T12:00:00+02:00', 'current', '2027-03-22T00:00:00+02:00', '2027-03-29T00:00:00+03:00'],
    ['last week, asked on the Monday after the DST change', 'week', '2027-03-29T09:00:00+03:00', 'last', '2027-03-22T00:00:00+02:00', '2027-03-29T00:00:00+03:00'],
    // 25–31 October 2027: back on Sunday 31st, 169 hours.
    ['the week of the autumn DST change', 'week', '2027-10-27T12:00:00+03:00', 'current', '2027-10-25T00:00:00+03:00', '2027-11-01T00:00:00+02:00'],
    ['a month', 'month', '2027-03-15T12:00:00+02:00', 'current', '2027-03-01T00:00:00+02:00', '2027-04-01T00:00:00+03:00'],
    ['last month across a year end', 'month', '2027-01-10T12:00:00+02:00', 'last', '2026-12-01T00:00:00+02:00', '2027-01-01T00:00:00+02:00'],
    ['a quarter', 'quarter', '2027-05-20T12:00:00+03:00', 'current', '2027-04-01T00:00:00+03:00', '2027-07-01T00:00:00+03:00'],
    ['last quarter, over the spring change', 'quarter', '2027-04-02T12:00:00+03:00', 'last', '2027-01-01T00:00:00+02:00', '2027-04-01T00:00:00+03:00'],
  ])('%s', (_case, name, now, which, from, to) => {
    expect(span(periodOf(name, at(now), which, ZONE))).toEqual(local(from, to));
  });

  it.each<[string, string, string, string, string]>([
    // [case, from, to, previous from, previous to]
    ['the week before (equal in local days, not in hours: 168 h before a 167 h week)', '2027-03-22T00:00:00+02:00', '2027-03-29T00:00:00+03:00', '2027-03-15T00:00:00+02:00', '2027-03-22T00:00:00+02:00'],
    ['the week after the change: its previous is the short one', '2027-03-29T00:00:00+03:00', '2027-04-05T00:00:00+03:00', '2027-03-22T00:00:00+02:00', '2027-03-29T00:00:00+03:00'],
    ['the month before March is February (28 days)', '2027-03-01T00:00:00+02:00', '2027-04-01T00:00:00+03:00', '2027-02-01T00:00:00+02:00', '2027-03-01T00:00:00+02:00'],
    ['the quarter before Q2', '2027-04-01T00:00:00+03:00', '2027-07-01T00:00:00+03:00', '2027-01-01T00:00:00+02:00', '2027-04-01T00:00:00+03:00'],
    ['ten whole local days: the ten days before', '2027-03-25T00:00:00+02:00', '2027-04-04T00:00:00+03:00', '2027-03-15T00:00:00+02:00', '2027-03-25T00:00:00+02:00'],
    ['any other range: the same length of time', '2027-03-03T10:00:00+02:00', '2027-03-03T16:00:00+02:00', '2027-03-03T04:00:00+02:00', '2027-03-03T10:00:00+02:00'],
  ])('the previous equal period: %s', (_case, from, to, previousFrom, previousTo) => {
    expect(span(previousPeriod({ from: at(from), to: at(to) }, ZONE))).toEqual(local(previousFrom, previousTo));
  });

  it('refuses an empty or backward period', () => {
    expect(() => previousPeriod({ from: at('2027-03-02T00:00:00Z'), to: at('2027-03-01T00:00:00Z') }, ZONE)).toThrow(RangeError);
    expect(() => trendStarts({ from: at('2027-03-02T00:00:00Z'), to: at('2027-03-02T00:00:00Z') }, ZONE)).toThrow(RangeError);
  });

  it('trend points: the days of a week (local midnights over the DST change), the weeks of a quarter', () => {
    const week = trendStarts({ from: at('2027-03-22T00:00:00+02:00'), to: at('2027-03-29T00:00:00+03:00') }, ZONE);
    expect(week.map((day) => day.toISOString())).toEqual(
      // Sunday 28th starts at 00:00 +02:00: the clocks go forward only at 03:00.
      ['22', '23', '24', '25', '26', '27', '28'].map((day) => at(`2027-03-${day}T00:00:00+02:00`).toISOString()),
    );
    const quarter = trendStarts(periodOf('quarter', at('2027-02-01T12:00:00+02:00'), 'current', ZONE), ZONE);
    // 1 January 2027 is a Friday: the first point is its part week, then Mondays from 4 January to 29 March.
    expect(quarter[0].toISOString()).toBe(at('2027-01-01T00:00:00+02:00').toISOString());
    expect(quarter[1].toISOString()).toBe(at('2027-01-04T00:00:00+02:00').toISOString());
    expect(quarter).toHaveLength(1 + 13);
    expect(quarter[13].toISOString()).toBe(at('2027-03-29T00:00:00+03:00').toISOString());
    const year = trendStarts({ from: at('2027-01-01T00:00:00+02:00'), to: at('2028-01-01T00:00:00+02:00') }, ZONE);
    expect(year).toHaveLength(12);
  });
});

describe('R60.internal: office minutes (time to first reply counts office hours only)', () => {
  const calendar = new WorkingCalendar(standardOfficeHours(), new LithuanianHolidays());
  it.each<[string, string, string, number]>([
    // [case, received, replied, office minutes]
    ['within one morning', '2027-03-03T09:00:00+02:00', '2027-03-03T10:30:00+02:00', 90],
    ['received before opening: counting starts at 08:00', '2027-03-03T06:00:00+02:00', '2027-03-03T08:45:00+02:00', 45],
    ['replied before opening: nothing of office time passed', '2027-03-02T20:00:00+02:00', '2027-03-03T07:30:00+02:00', 0],
    // Wed 16:00–17:00 = 60, Thu 11 March (Restoration of Independence Day) = 0, Fri 08:00–09:00 = 60
    ['over a Lithuanian holiday', '2027-03-10T16:00:00+02:00', '2027-03-12T09:00:00+02:00', 120],
    // Fri 15:00–17:00 = 120, the weekend (clocks forward on Sunday), Easter Monday = 0, Tue 08:00–10:30 (+03:00) = 150
    ['over the spring DST change and Easter Monday', '2027-03-26T15:00:00+02:00', '2027-03-30T10:30:00+03:00', 270],
    // Fri 16:00–17:00 (+03:00) = 60, the weekend (clocks back on Sunday), All Saints' and All Souls' (Mon, Tue) = 0,
    // Wed 08:00–09:00 (+02:00) = 60
    ['over the autumn DST change and two holidays', '2027-10-29T16:00:00+03:00', '2027-11-03T09:00:00+02:00', 120],
    ['a reply before the receipt counts nothing', '2027-03-03T10:00:00+02:00', '2027-03-03T09:00:00+02:00', 0],
  ])('%s', (_case, received, replied, minutes) => {
    expect(calendar.officeMinutesBetween(at(received), at(replied))).toBe(minutes);
  });
});
