import { DateTime } from 'luxon';
import type { Period } from './report.js';

/** A calendar month as pages and links name it: `2027-03`. */
export type MonthName = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month as a period from its first local midnight to the next month's, in `zone`; undefined for other text. */
export function monthPeriod(month: string, zone: string): Period | undefined {
  const parts = MONTH.exec(month);
  if (!parts) return undefined;
  const from = DateTime.fromObject({ year: Number(parts[1]), month: Number(parts[2]), day: 1 }, { zone });
  if (!from.isValid) return undefined;
  return { from: from.toJSDate(), to: from.plus({ months: 1 }).toJSDate() };
}

/** The month `months` away from `month` (negative: earlier). */
export function monthAfter(month: MonthName, months: number): MonthName {
  const [year, number] = month.split('-').map(Number);
  return DateTime.fromObject({ year, month: number, day: 1 }, { zone: 'UTC' }).plus({ months }).toFormat('yyyy-MM');
}

/** The month `now` falls in, in `zone`. */
export function monthOf(now: Date, zone: string): MonthName {
  return DateTime.fromJSDate(now, { zone }).toFormat('yyyy-MM');
}
