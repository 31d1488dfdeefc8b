/** Public holidays of a country, by local calendar date. */
export interface HolidayCalendar {
  /** True when `isoDate` (YYYY-MM-DD, local) is a public holiday (a day off). */
  isHoliday(isoDate: string): boolean;
}
