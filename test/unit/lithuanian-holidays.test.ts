import { LithuanianHolidays } from '../../src/calendar/lithuanian-holidays.js';

/** Official days off, Labour Code of the Republic of Lithuania, art. 123. */
const officialHolidays: ReadonlyArray<readonly [string, string]> = [
  ['2026-01-01', "New Year's Day"],
  ['2026-02-16', 'Day of Restoration of the State of Lithuania'],
  ['2026-03-11', 'Day of Restoration of Independence'],
  ['2026-04-05', 'Easter Sunday'],
  ['2026-04-06', 'Easter Monday'],
  ['2026-05-01', 'International Labour Day'],
  ['2026-05-03', "Mother's Day (first Sunday of May)"],
  ['2026-06-07', "Father's Day (first Sunday of June)"],
  ['2026-06-24', 'Midsummer (Joninės)'],
  ['2026-07-06', 'Statehood Day'],
  ['2026-08-15', 'Assumption Day'],
  ['2026-11-01', "All Saints' Day"],
  ['2026-11-02', "All Souls' Day"],
  ['2026-12-24', 'Christmas Eve'],
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-26', 'Second day of Christmas'],
  ['2027-01-01', "New Year's Day"],
  ['2027-02-16', 'Day of Restoration of the State of Lithuania'],
  ['2027-03-11', 'Day of Restoration of Independence'],
  ['2027-03-28', 'Easter Sunday'],
  ['2027-03-29', 'Easter Monday'],
  ['2027-05-01', 'International Labour Day'],
  ['2027-05-02', "Mother's Day (first Sunday of May)"],
  ['2027-06-06', "Father's Day (first Sunday of June)"],
  ['2027-06-24', 'Midsummer (Joninės)'],
  ['2027-07-06', 'Statehood Day'],
  ['2027-08-15', 'Assumption Day'],
  ['2027-11-01', "All Saints' Day"],
  ['2027-11-02', "All Souls' Day"],
  ['2027-12-24', 'Christmas Eve'],
  ['2027-12-25', 'Christmas Day'],
  ['2027-12-26', 'Second day of Christmas'],
];

const ordinaryDays: ReadonlyArray<readonly [string, string]> = [
  ['2026-01-02', 'day after New Year'],
  ['2026-04-07', 'Tuesday after Easter'],
  ['2026-05-04', "Monday after Mother's Day"],
  ['2026-10-25', 'Constitution Day (observance only)'],
  ['2026-11-03', "day after All Souls' Day"],
  ['2026-12-23', 'eve of Christmas Eve'],
  ['2026-12-31', "New Year's Eve"],
  ['2027-03-30', 'Tuesday after Easter'],
  ['2027-12-27', 'Monday after Christmas'],
];

describe('LithuanianHolidays', () => {
  const holidays = new LithuanianHolidays();

  it.each(officialHolidays)('R14.reply-1wd: %s (%s) is a public holiday', (date) => {
    expect(holidays.isHoliday(date)).toBe(true);
  });

  it.each(ordinaryDays)('R14.reply-1wd: %s (%s) is not a holiday', (date) => {
    expect(holidays.isHoliday(date)).toBe(false);
  });

  it.each([2026, 2027])('R14.reply-1wd: %i has exactly the 16 official holidays', (year) => {
    const expected = officialHolidays.map(([date]) => date).filter((date) => date.startsWith(`${year}-`));
    const actual: string[] = [];
    for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year; day.setUTCDate(day.getUTCDate() + 1)) {
      const iso = day.toISOString().slice(0, 10);
      if (holidays.isHoliday(iso)) actual.push(iso);
    }
    expect(actual).toEqual(expected);
  });

  it.each(['2026-1-1', '01.01.2026', '', '2026-01-01T00:00'])(
    'R14.reply-1wd: rejects malformed date %p',
    (date) => {
      expect(() => holidays.isHoliday(date)).toThrow(RangeError);
    },
  );
});
