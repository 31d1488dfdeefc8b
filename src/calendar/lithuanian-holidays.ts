import Holidays from 'date-holidays';
import type { HolidayCalendar } from '../domain/calendar/holiday-calendar.js';

/**
 * Lithuanian public holidays (Labour Code, art. 123) from the `date-holidays` data set. Only days off count:
 * entries of other types (observances, school days) leave the office open.
 */
export class LithuanianHolidays implements HolidayCalendar {
  private readonly source = new Holidays('LT');
  private readonly byYear = new Map<number, ReadonlySet<string>>();

  constructor() {
    // The Labour Code makes Mother's Day and Father's Day days off, but date-holidays lists them as observances.
    this.source.setHoliday('1st sunday in May', { name: { lt: 'Motinos diena', en: "Mother's Day" }, type: 'public' });
    this.source.setHoliday('1st sunday in June', { name: { lt: 'Tėvo diena', en: "Father's Day" }, type: 'public' });
  }

  isHoliday(isoDate: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new RangeError(`Expected a calendar date YYYY-MM-DD, got "${isoDate}"`);
    return this.holidaysOf(Number(isoDate.slice(0, 4))).has(isoDate);
  }

  private holidaysOf(year: number): ReadonlySet<string> {
    let dates = this.byYear.get(year);
    if (!dates) {
      // `date` is the local calendar date ("YYYY-MM-DD 00:00:00"), whatever the machine's time zone
      dates = new Set(
        this.source
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      this.byYear.set(year, dates);
    }
    return dates;
  }
}
