import { LithuanianHolidays } from '../../src/calendar/lithuanian-holidays.js';
import type { HolidayCalendar } from '../../src/domain/calendar/holiday-calendar.js';
import { parseOfficeHours, standardOfficeHours } from '../../src/domain/calendar/office-hours.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';

/** Times below are Europe/Vilnius local with their offset: +02:00 in winter, +03:00 in summer. */
const at = (localIso: string): Date => {
  const date = new Date(localIso);
  if (Number.isNaN(date.getTime())) throw new Error(`bad test instant ${localIso}`);
  return date;
};
const iso = (localIso: string): string => at(localIso).toISOString();

const holidays = new LithuanianHolidays();
const calendar = new WorkingCalendar(standardOfficeHours(), holidays);

describe('WorkingCalendar.addWorkingDays', () => {
  it.each([
    // [case, received, days, due]
    ['received at 03:00: the whole day counts', '2026-11-10T03:00:00.000+02:00', 1, '2026-11-10T17:00:00.000+02:00'],
    ['received at the opening: the whole day counts', '2026-11-10T08:00:00.000+02:00', 1, '2026-11-10T17:00:00.000+02:00'],
    ['received while open: same time next working day', '2026-11-09T14:30:00.000+02:00', 1, '2026-11-10T14:30:00.000+02:00'],
    ['received exactly at the close: next day counts whole', '2026-11-09T17:00:00.000+02:00', 1, '2026-11-10T17:00:00.000+02:00'],
    ['received Friday evening', '2026-11-13T18:00:00.000+02:00', 1, '2026-11-16T17:00:00.000+02:00'],
    ['received Saturday', '2026-11-14T12:00:00.000+02:00', 1, '2026-11-16T17:00:00.000+02:00'],
    ['received Friday afternoon', '2026-11-13T14:00:00.000+02:00', 1, '2026-11-16T14:00:00.000+02:00'],
    ['eve of Christmas Eve: spans 24–26 Dec and the weekend', '2026-12-23T15:00:00.000+02:00', 1, '2026-12-28T15:00:00.000+02:00'],
    ['eve of Christmas Eve after close', '2026-12-23T17:30:00.000+02:00', 1, '2026-12-28T17:00:00.000+02:00'],
    ["New Year's Eve after close: Jan 1 and the weekend", '2026-12-31T17:30:00.000+02:00', 1, '2027-01-04T17:00:00.000+02:00'],
    ['Friday before Easter: Easter Monday is skipped', '2026-04-03T10:00:00.000+03:00', 1, '2026-04-07T10:00:00.000+03:00'],
    ['received on Easter Monday', '2026-04-06T10:00:00.000+03:00', 1, '2026-04-07T17:00:00.000+03:00'],
    ['received on Easter Monday 2027', '2027-03-29T11:00:00.000+03:00', 1, '2027-03-30T17:00:00.000+03:00'],
    ["All Souls' Day (Mon) moves only itself", '2026-10-30T14:00:00.000+02:00', 1, '2026-11-03T14:00:00.000+02:00'],
    ['a weekday holiday does not move the day after', '2026-11-03T14:00:00.000+02:00', 1, '2026-11-04T14:00:00.000+02:00'],
    ['DST starts (29 Mar): offset +02:00 → +03:00', '2026-03-27T16:00:00.000+02:00', 1, '2026-03-30T16:00:00.000+03:00'],
    ['DST ends (25 Oct): offset +03:00 → +02:00', '2026-10-23T16:00:00.000+03:00', 1, '2026-10-26T16:00:00.000+02:00'],
    ['received in the DST gap on Sunday', '2026-03-29T01:30:00.000Z', 1, '2026-03-30T17:00:00.000+03:00'],
    ['three working days from an opening', '2026-11-15T20:00:00.000+02:00', 3, '2026-11-18T17:00:00.000+02:00'],
    ['three working days while open', '2026-11-16T09:15:00.000+02:00', 3, '2026-11-19T09:15:00.000+02:00'],
    ['seven working days over Christmas and New Year', '2026-12-21T10:00:00.000+02:00', 7, '2027-01-04T10:00:00.000+02:00'],
  ])('R14.reply-1wd: %s', (_case, received, days, due) => {
    expect(calendar.addWorkingDays(at(received), days).toISOString()).toBe(iso(due));
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('R14.reply-1wd: rejects %p working days', (days) => {
    expect(() => calendar.addWorkingDays(at('2026-11-10T10:00:00.000+02:00'), days)).toThrow(RangeError);
  });
});

describe('WorkingCalendar.addOfficeMinutes', () => {
  it.each([
    // [case, from, minutes, result]
    ['DST starts: Fri 16:00 + 120 → Mon 09:00', '2026-03-27T16:00:00.000+02:00', 120, '2026-03-30T09:00:00.000+03:00'],
    ['DST ends: Fri 16:00 + 120 → Mon 09:00', '2026-10-23T16:00:00.000+03:00', 120, '2026-10-26T09:00:00.000+02:00'],
    ['from the DST gap on Sunday', '2026-03-29T01:30:00.000Z', 60, '2026-03-30T09:00:00.000+03:00'],
    ['ending exactly at the close returns the close', '2026-11-10T16:00:00.000+02:00', 60, '2026-11-10T17:00:00.000+02:00'],
    ['a whole day from 03:00 ends at the close', '2026-11-10T03:00:00.000+02:00', 540, '2026-11-10T17:00:00.000+02:00'],
    ['one minute past a whole day', '2026-11-10T03:00:00.000+02:00', 541, '2026-11-11T08:01:00.000+02:00'],
    ['zero minutes while open', '2026-11-10T10:00:00.000+02:00', 0, '2026-11-10T10:00:00.000+02:00'],
    ['zero minutes at 03:00 is the opening', '2026-11-10T03:00:00.000+02:00', 0, '2026-11-10T08:00:00.000+02:00'],
    ['zero minutes at the close is the next opening', '2026-11-13T17:00:00.000+02:00', 0, '2026-11-16T08:00:00.000+02:00'],
    ['over Christmas', '2026-12-23T16:30:00.000+02:00', 60, '2026-12-28T08:30:00.000+02:00'],
    ['a working week', '2026-11-16T08:00:00.000+02:00', 5 * 540, '2026-11-20T17:00:00.000+02:00'],
  ])('R14.reply-1wd: %s', (_case, from, minutes, expected) => {
    expect(calendar.addOfficeMinutes(at(from), minutes).toISOString()).toBe(iso(expected));
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('R14.reply-1wd: rejects %p minutes', (minutes) => {
    const from = at('2026-11-10T10:00:00.000+02:00');
    expect(() => calendar.addOfficeMinutes(from, minutes)).toThrow(RangeError);
    expect(() => calendar.subtractOfficeMinutes(from, minutes)).toThrow(RangeError);
  });
});

describe('WorkingCalendar.subtractOfficeMinutes', () => {
  it.each([
    // [case, from, minutes, result]
    ['over a weekend', '2026-11-16T08:30:00.000+02:00', 60, '2026-11-13T16:30:00.000+02:00'],
    ['from Saturday starts at the Friday close', '2026-11-14T12:00:00.000+02:00', 30, '2026-11-13T16:30:00.000+02:00'],
    ['from before the opening starts at the previous close', '2026-11-17T06:00:00.000+02:00', 30, '2026-11-16T16:30:00.000+02:00'],
    ['landing exactly at an opening returns the opening', '2026-11-16T09:00:00.000+02:00', 60, '2026-11-16T08:00:00.000+02:00'],
    ['from an opening goes back to the previous day', '2026-11-16T08:00:00.000+02:00', 30, '2026-11-13T16:30:00.000+02:00'],
    ['zero minutes at an opening stays there', '2026-11-16T08:00:00.000+02:00', 0, '2026-11-16T08:00:00.000+02:00'],
    ['zero minutes on Saturday is the Friday close', '2026-11-14T12:00:00.000+02:00', 0, '2026-11-13T17:00:00.000+02:00'],
    ["across All Souls' Day and the weekend", '2026-11-03T08:30:00.000+02:00', 60, '2026-10-30T16:30:00.000+02:00'],
    ['across Christmas', '2026-12-28T09:00:00.000+02:00', 120, '2026-12-23T16:00:00.000+02:00'],
    ['across Easter Monday', '2026-04-07T08:30:00.000+03:00', 60, '2026-04-03T16:30:00.000+03:00'],
    ['across the start of DST', '2026-03-30T09:00:00.000+03:00', 120, '2026-03-27T16:00:00.000+02:00'],
    ['across the end of DST', '2026-10-26T09:00:00.000+02:00', 120, '2026-10-23T16:00:00.000+03:00'],
  ])('R14.reply-1wd: %s', (_case, from, minutes, expected) => {
    expect(calendar.subtractOfficeMinutes(at(from), minutes).toISOString()).toBe(iso(expected));
  });

  it.each([
    ['2026-11-10T10:00:00.000+02:00', 1234],
    ['2026-12-23T15:00:00.000+02:00', 600],
    ['2026-03-27T16:00:00.000+02:00', 120],
  ])('R14.reply-1wd: subtracting undoes adding from %s (+%i min)', (from, minutes) => {
    const later = calendar.addOfficeMinutes(at(from), minutes);
    expect(calendar.subtractOfficeMinutes(later, minutes).toISOString()).toBe(iso(from));
  });
});

describe('WorkingCalendar.isOpen / nextOpening / isWorkingDay / localDate', () => {
  it.each([
    ['2026-11-10T07:59:00.000+02:00', false],
    ['2026-11-10T08:00:00.000+02:00', true],
    ['2026-11-10T16:59:00.000+02:00', true],
    ['2026-11-10T16:59:59.999+02:00', true],
    ['2026-11-10T17:00:00.000+02:00', false],
    ['2026-07-07T07:59:00.000+03:00', false],
    ['2026-07-07T08:00:00.000+03:00', true],
    ['2026-07-07T16:59:00.000+03:00', true],
    ['2026-07-07T17:00:00.000+03:00', false],
    ['2026-11-02T10:00:00.000+02:00', false], // All Souls' Day
    ['2026-11-14T10:00:00.000+02:00', false], // Saturday
  ])('R14.reply-1wd: isOpen(%s) is %p', (instant, open) => {
    expect(calendar.isOpen(at(instant))).toBe(open);
  });

  it.each([
    ['while open: itself', '2026-11-10T10:00:00.000+02:00', '2026-11-10T10:00:00.000+02:00'],
    ['before the opening', '2026-11-10T07:59:00.000+02:00', '2026-11-10T08:00:00.000+02:00'],
    ['at the close', '2026-11-10T17:00:00.000+02:00', '2026-11-11T08:00:00.000+02:00'],
    ['on Saturday', '2026-11-14T10:00:00.000+02:00', '2026-11-16T08:00:00.000+02:00'],
    ['on Christmas Eve', '2026-12-24T10:00:00.000+02:00', '2026-12-28T08:00:00.000+02:00'],
    ['on the Saturday before DST ends', '2026-10-24T10:00:00.000+03:00', '2026-10-26T08:00:00.000+02:00'],
  ])('R14.reply-1wd: nextOpening %s', (_case, from, expected) => {
    expect(calendar.nextOpening(at(from)).toISOString()).toBe(iso(expected));
  });

  it.each([
    ['2026-11-02', false], // All Souls' Day
    ['2026-11-03', true],
    ['2026-11-07', false], // Saturday
    ['2026-04-06', false], // Easter Monday
    ['2026-12-23', true],
  ])('R14.reply-1wd: isWorkingDay(%s) is %p', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it.each(['2026-02-30', '2026-11-3', 'tomorrow'])('R14.reply-1wd: isWorkingDay rejects %p', (date) => {
    expect(() => calendar.isWorkingDay(date)).toThrow(RangeError);
  });

  it.each([
    ['2026-03-28T22:30:00.000Z', '2026-03-29'], // 00:30 +02:00
    ['2026-03-28T21:59:59.999Z', '2026-03-28'],
    ['2026-10-24T21:30:00.000Z', '2026-10-25'], // 00:30 +03:00
    ['2026-10-25T21:59:59.999Z', '2026-10-25'], // 23:59 +02:00
  ])('R14.reply-1wd: localDate(%s) is %s', (instant, date) => {
    expect(calendar.localDate(at(instant))).toBe(date);
  });

  it('R14.reply-1wd: rejects an invalid Date', () => {
    expect(() => calendar.isOpen(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('office hours', () => {
  it('R14.reply-1wd: "Mon-Fri 08:00-17:00" equals the standard hours', () => {
    expect(parseOfficeHours('Mon-Fri 08:00-17:00', 'Europe/Vilnius')).toEqual(standardOfficeHours());
  });

  it('R14.reply-1wd: parses a short Friday', () => {
    expect(parseOfficeHours('Mon-Thu 08:00-17:00, fri 08:00-15:45', 'Europe/Vilnius')).toEqual({
      zone: 'Europe/Vilnius',
      week: {
        1: { open: '08:00', close: '17:00' },
        2: { open: '08:00', close: '17:00' },
        3: { open: '08:00', close: '17:00' },
        4: { open: '08:00', close: '17:00' },
        5: { open: '08:00', close: '15:45' },
      },
    });
  });

  const shortFriday = new WorkingCalendar(
    parseOfficeHours('Mon-Thu 08:00-17:00, Fri 08:00-15:45', 'Europe/Vilnius'),
    holidays,
  );

  it.each([
    ['isOpen Fri 15:44', () => shortFriday.isOpen(at('2026-11-13T15:44:00.000+02:00')), true],
    ['isOpen Fri 15:45', () => shortFriday.isOpen(at('2026-11-13T15:45:00.000+02:00')), false],
    [
      'Fri 15:00 + 60 min → Mon 08:15',
      () => shortFriday.addOfficeMinutes(at('2026-11-13T15:00:00.000+02:00'), 60).toISOString(),
      iso('2026-11-16T08:15:00.000+02:00'),
    ],
    [
      'Thu 16:30 + 1 working day is clamped to the Friday close',
      () => shortFriday.addWorkingDays(at('2026-11-12T16:30:00.000+02:00'), 1).toISOString(),
      iso('2026-11-13T15:45:00.000+02:00'),
    ],
    [
      'received Fri 16:00 (closed) + 1 working day → Mon close',
      () => shortFriday.addWorkingDays(at('2026-11-13T16:00:00.000+02:00'), 1).toISOString(),
      iso('2026-11-16T17:00:00.000+02:00'),
    ],
    [
      'Mon 08:30 − 60 min → Fri 15:15',
      () => shortFriday.subtractOfficeMinutes(at('2026-11-16T08:30:00.000+02:00'), 60).toISOString(),
      iso('2026-11-13T15:15:00.000+02:00'),
    ],
  ])('R14.reply-1wd: short Friday: %s', (_case, run, expected) => {
    expect(run()).toBe(expected);
  });

  it.each([
    ['empty', '', /empty/],
    ['no hours', 'Mon-Fri', /Malformed/],
    ['hours without minutes', 'Mon-Fri 8-17', /HH:MM/],
    ['unknown day', 'Mon-Fry 08:00-17:00', /Unknown day "Fry"/],
    ['backwards range', 'Fri-Mon 08:00-17:00', /backwards/],
    ['closing before opening', 'Mon-Fri 17:00-08:00', /before they open/],
    ['hour 25', 'Mon-Fri 08:00-25:00', /HH:MM/],
    ['a day twice', 'Mon-Fri 08:00-17:00, Fri 08:00-15:45', /Fri is given twice/],
    ['trailing comma', 'Mon-Fri 08:00-17:00,', /Malformed/],
  ])('R14.reply-1wd: parseOfficeHours rejects %s', (_case, spec, message) => {
    expect(() => parseOfficeHours(spec, 'Europe/Vilnius')).toThrow(message);
  });

  it('R14.reply-1wd: parseOfficeHours rejects an unknown time zone', () => {
    expect(() => parseOfficeHours('Mon-Fri 08:00-17:00', 'Europe/Atlantis')).toThrow(/time zone/);
  });

  it('R14.reply-1wd: a week without an open day is refused at construction', () => {
    expect(() => new WorkingCalendar({ zone: 'Europe/Vilnius', week: {} }, holidays)).toThrow(/no open day/);
  });

  it('R14.reply-1wd: a holiday calendar that closes every day fails instead of looping', () => {
    const alwaysHoliday: HolidayCalendar = { isHoliday: () => true };
    const closed = new WorkingCalendar(standardOfficeHours(), alwaysHoliday);
    expect(() => closed.nextOpening(at('2026-11-10T10:00:00.000+02:00'))).toThrow(/No working day/);
    expect(() => closed.subtractOfficeMinutes(at('2026-11-10T10:00:00.000+02:00'), 1)).toThrow(/No working day/);
  });
});
