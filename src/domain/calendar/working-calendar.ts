import { DateTime } from 'luxon';
import type { HolidayCalendar } from './holiday-calendar.js';
import { validateOfficeHours, type IsoWeekday, type OfficeHours } from './office-hours.js';

/**
 * Consecutive closed days after which we give up: far more than any real run of holidays, so hitting it means the
 * holiday calendar closes everything, and a loop would otherwise never end.
 */
const MAX_CLOSED_DAYS = 366;

const MS_PER_MINUTE = 60_000;

/** One working day's open period, as epoch milliseconds (half-open: [open, close)). */
interface OpenPeriod {
  open: number;
  close: number;
}

/** One local calendar day, worked out once (luxon's zone arithmetic is the costly part of every deadline). */
interface LocalDay {
  date: DateTime;
  isoDate: string;
  /** Epoch ms of its local midnight, and of the next one. */
  start: number;
  end: number;
  period: OpenPeriod | null;
  /** The neighbouring days, linked as the walks reach them. */
  after?: LocalDay;
  before?: LocalDay;
}

/** Days kept before the cache starts over: decades of deadlines, a few MB at most. */
const MAX_CACHED_DAYS = 20_000;
/** Zone offsets in use are whole quarter hours, so a quarter hour nearly always lies in one local day (checked on use). */
const QUARTER_HOUR_MS = 15 * MS_PER_MINUTE;

/**
 * Working time of one institution: its office hours in its own time zone, minus public holidays.
 * Pure: every answer depends only on the arguments, never on the current time.
 */
export class WorkingCalendar {
  /** Days by local midnight (epoch ms), and by any quarter hour looked up in them (a hint, checked on use). */
  private readonly days = new Map<number, LocalDay>();
  private readonly dayByQuarter = new Map<number, LocalDay>();

  constructor(
    private readonly hours: OfficeHours,
    private readonly holidays: HolidayCalendar,
  ) {
    validateOfficeHours(hours);
  }

  /** The local calendar date (YYYY-MM-DD) of `at` in the institution's zone. */
  localDate(at: Date): string {
    return this.dayOf(instant(at)).isoDate;
  }

  /** True when the office opens on `isoDate` (YYYY-MM-DD, local): it has hours that weekday and it is no holiday. */
  isWorkingDay(isoDate: string): boolean {
    return this.cachedDay(this.parseDay(isoDate)).period !== null;
  }

  isOpen(at: Date): boolean {
    const t = instant(at);
    const period = this.dayOf(t).period;
    return period !== null && period.open <= t && t < period.close;
  }

  /** `at` itself while open, else the next instant the office opens. */
  nextOpening(at: Date): Date {
    return this.addOfficeMinutes(at, 0);
  }

  /**
   * The instant `minutes` open minutes after `from`. Ending exactly at a close gives that close: a deadline of
   * "17:00 today" must not slide to tomorrow's opening.
   */
  addOfficeMinutes(from: Date, minutes: number): Date {
    const t = instant(from);
    let left = durationMs(minutes);
    return this.walk(this.dayOf(t), +1, (period) => {
      const begin = Math.max(period.open, t);
      // a close is no moment to start counting from, even for zero minutes
      if (begin >= period.close) return undefined;
      if (begin + left <= period.close) return new Date(begin + left);
      left -= period.close - begin;
      return undefined;
    });
  }

  /**
   * The instant `minutes` open minutes before `from`; outside hours the count starts at the previous close.
   * Landing exactly at an opening gives that opening, mirroring `addOfficeMinutes`.
   */
  subtractOfficeMinutes(from: Date, minutes: number): Date {
    const t = instant(from);
    let left = durationMs(minutes);
    return this.walk(this.dayOf(t), -1, (period) => {
      const end = Math.min(period.close, t);
      if (end < period.open) return undefined;
      if (end - left >= period.open) return new Date(end - left);
      left -= end - period.open;
      return undefined;
    });
  }

  /**
   * Open minutes from `from` to `to`: only office hours on working days count (R60.internal: time to first reply).
   * 0 when `to` is not after `from`, or when all of it falls while the office is closed.
   */
  officeMinutesBetween(from: Date, to: Date): number {
    const start = instant(from);
    const end = instant(to);
    if (end <= start) return 0;
    let total = 0;
    this.walk(this.dayOf(start), +1, (period) => {
      if (period.open >= end) return true;
      total += Math.max(0, Math.min(period.close, end) - Math.max(period.open, start));
      return undefined;
    });
    return total / MS_PER_MINUTE;
  }

  /**
   * Due instant of "within `days` working days of receipt". The clock starts at the next opening: a request that
   * waits for the office to open gets whole days, ending at a close (received Friday 18:00, 1 day → Monday 17:00);
   * one received while open is due at the same local time `days` working days later (Mon 14:30 → Tue 14:30),
   * kept inside that day's hours because days may differ in length.
   */
  addWorkingDays(from: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 1) {
      throw new RangeError(`Working days must be a whole number of at least 1, got ${days}`);
    }
    const start = this.nextOpening(from).getTime();
    const startDay = this.dayOf(start);
    const startsAtOpening = startDay.period!.open === start;
    // the start day is itself a whole working day only when the clock starts at its opening
    let toSkip = startsAtOpening ? days - 1 : days;
    const startLocal = DateTime.fromMillis(start, { zone: this.hours.zone });
    return this.walk(startDay, +1, (period, day) => {
      if (toSkip > 0) {
        toSkip--;
        return undefined;
      }
      if (startsAtOpening) return new Date(period.close);
      const sameTime = day
        .set({
          hour: startLocal.hour,
          minute: startLocal.minute,
          second: startLocal.second,
          millisecond: startLocal.millisecond,
        })
        .toMillis();
      return new Date(Math.min(Math.max(sameTime, period.open), period.close));
    });
  }

  /**
   * Visits working days from `day` (inclusive) one calendar day at a time in direction `step` until `visit`
   * returns a result.
   */
  private walk<T>(from: LocalDay, step: 1 | -1, visit: (period: OpenPeriod, day: DateTime) => T | undefined): T {
    let closedInARow = 0;
    for (let day = from; ; day = this.neighbour(day, step)) {
      if (day.period) {
        closedInARow = 0;
        const result = visit(day.period, day.date);
        if (result !== undefined) return result;
      } else if (++closedInARow > MAX_CLOSED_DAYS) {
        throw new Error(`No working day in ${MAX_CLOSED_DAYS} days up to ${day.isoDate}: check holidays`);
      }
    }
  }

  private neighbour(day: LocalDay, step: 1 | -1): LocalDay {
    if (step === 1) return (day.after ??= this.cachedDay(day.date.plus({ days: 1 })));
    return (day.before ??= this.cachedDay(day.date.minus({ days: 1 })));
  }

  /** The local day starting at `date` (a local midnight), computed on first use. */
  private cachedDay(date: DateTime): LocalDay {
    const start = date.toMillis();
    let day = this.days.get(start);
    if (!day) {
      if (this.days.size >= MAX_CACHED_DAYS) this.forget();
      const isoDate = date.toISODate()!;
      day = { date, isoDate, start, end: date.plus({ days: 1 }).toMillis(), period: this.periodOn(date, isoDate) };
      this.days.set(start, day);
    }
    return day;
  }

  private forget(): void {
    this.days.clear();
    this.dayByQuarter.clear();
  }

  /** Open period of a local day, or null when the office stays closed that day. */
  private periodOn(day: DateTime, isoDate: string): OpenPeriod | null {
    const hours = this.hours.week[day.weekday as IsoWeekday];
    if (!hours || this.holidays.isHoliday(isoDate)) return null;
    const open = this.instantOn(day, hours.open);
    const close = this.instantOn(day, hours.close);
    // a DST jump inside very short hours could leave nothing open
    return open < close ? { open, close } : null;
  }

  /** Epoch ms of local clock time "HH:MM" on `day`; a time skipped by DST moves forward, as luxon does. */
  private instantOn(day: DateTime, clock: string): number {
    const [hour, minute] = clock.split(':').map(Number);
    return day.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
  }

  /** The local day `epochMs` falls on. */
  private dayOf(epochMs: number): LocalDay {
    const quarter = Math.floor(epochMs / QUARTER_HOUR_MS);
    const hinted = this.dayByQuarter.get(quarter);
    if (hinted && hinted.start <= epochMs && epochMs < hinted.end) return hinted;
    if (this.dayByQuarter.size >= MAX_CACHED_DAYS) this.forget();
    const day = this.cachedDay(DateTime.fromMillis(epochMs, { zone: this.hours.zone }).startOf('day'));
    this.dayByQuarter.set(quarter, day);
    return day;
  }

  private parseDay(isoDate: string): DateTime {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? DateTime.fromISO(isoDate, { zone: this.hours.zone }) : null;
    if (!day?.isValid) throw new RangeError(`Expected a calendar date YYYY-MM-DD, got "${isoDate}"`);
    return day;
  }
}

function instant(at: Date): number {
  const t = at instanceof Date ? at.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError('Expected a valid Date');
  return t;
}

function durationMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Office minutes must be a finite number of at least 0, got ${minutes}`);
  }
  return Math.round(minutes * MS_PER_MINUTE);
}
