import { IANAZone } from 'luxon';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Opening hours of one weekday, local time "HH:MM". */
export interface DayHours {
  open: string;
  close: string;
}

/** Office hours of an institution: time zone and hours per ISO weekday (1 = Monday … 7 = Sunday); a missing day is closed. */
export interface OfficeHours {
  zone: string;
  week: Partial<Record<IsoWeekday, DayHours>>;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const EXAMPLE = '"Mon-Fri 08:00-17:00" or "Mon-Thu 08:00-17:00, Fri 08:00-15:45"';

/** Monday to Friday, the same hours each day. */
export function standardOfficeHours(zone = 'Europe/Vilnius', open = '08:00', close = '17:00'): OfficeHours {
  const week: OfficeHours['week'] = {};
  for (const day of [1, 2, 3, 4, 5] as const) week[day] = { open, close };
  return validateOfficeHours({ zone, week });
}

/** Parses e.g. "Mon-Thu 08:00-17:00, Fri 08:00-15:45"; days not mentioned are closed. */
export function parseOfficeHours(spec: string, zone: string): OfficeHours {
  if (spec.trim() === '') throw new Error(`Office hours are empty; expected ${EXAMPLE}`);
  const week: OfficeHours['week'] = {};
  for (const entry of spec.split(',').map((part) => part.trim())) {
    const match = /^([a-z]{3})(?:\s*-\s*([a-z]{3}))?\s+(\S+?)\s*-\s*(\S+)$/i.exec(entry);
    if (!match) throw new Error(`Malformed office hours entry "${entry}" in "${spec}"; expected ${EXAMPLE}`);
    const [, firstName, , open, close] = match;
    const lastName = match[2] as string | undefined; // the optional group is undefined when absent
    const first = weekdayOf(firstName, spec);
    const last = lastName === undefined ? first : weekdayOf(lastName, spec);
    if (last < first) {
      throw new Error(`Day range "${firstName}-${lastName}" in "${spec}" runs backwards; write ranges Monday first`);
    }
    for (let day: number = first; day <= last; day++) {
      const weekday = day as IsoWeekday;
      if (week[weekday]) throw new Error(`${DAY_NAMES[day - 1]} is given twice in office hours "${spec}"`);
      week[weekday] = { open, close };
    }
  }
  return validateOfficeHours({ zone, week });
}

/** Returns `hours` unchanged, or throws an Error naming what is wrong. */
export function validateOfficeHours(hours: OfficeHours): OfficeHours {
  if (!IANAZone.isValidZone(hours.zone)) throw new Error(`Unknown time zone "${hours.zone}" in office hours`);
  const entries = Object.entries(hours.week).filter(([, day]) => day !== undefined);
  if (entries.length === 0) throw new Error('Office hours have no open day in the week');
  for (const [key, day] of entries) {
    if (!['1', '2', '3', '4', '5', '6', '7'].includes(key)) {
      throw new Error(`Office hours weekday must be 1 (Monday) … 7 (Sunday), got ${key}`);
    }
    const name = DAY_NAMES[Number(key) - 1];
    if (!CLOCK.test(day.open) || !CLOCK.test(day.close)) {
      throw new Error(`Office hours of ${name} must be "HH:MM"-"HH:MM" (00:00 … 23:59), got "${day.open}-${day.close}"`);
    }
    // "HH:MM" strings compare like the times they stand for
    if (day.open >= day.close) {
      throw new Error(`Office hours of ${name} close (${day.close}) at or before they open (${day.open})`);
    }
  }
  return hours;
}

function weekdayOf(name: string, spec: string): IsoWeekday {
  const index = DAY_NAMES.findIndex((known) => known.toLowerCase() === name.toLowerCase());
  if (index < 0) throw new Error(`Unknown day "${name}" in office hours "${spec}"; use Mon, Tue, Wed, Thu, Fri, Sat, Sun`);
  return (index + 1) as IsoWeekday;
}
