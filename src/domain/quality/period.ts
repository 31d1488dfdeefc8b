import { DateTime, type DurationLikeObject } from 'luxon';
import type { Period, PeriodName } from './report.js';

/**
 * R60.internal: periods in the institution's calendar. A week runs Monday 00:00 to the next Monday 00:00 in the
 * institution's zone (so a week with a DST change is an hour shorter or longer than 7 × 24 h), a month and a
 * quarter likewise from their first local midnight. Pure: every answer depends only on the arguments.
 */

const PLURAL: Record<PeriodName, keyof DurationLikeObject> = { week: 'weeks', month: 'months', quarter: 'quarters' };

/** Checked once where a period enters: half-open and not empty. */
export function assertPeriod(period: Period): Period {
  const from = period.from.getTime();
  const to = period.to.getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('A period needs two valid instants');
  if (to <= from) throw new RangeError(`A period must end after it starts (${period.from.toISOString()} – ${period.to.toISOString()})`);
  return period;
}

/** `current`: the week, month or quarter that contains `now` (figures so far); `last`: the complete one before it. */
export function periodOf(name: PeriodName, now: Date, which: 'current' | 'last', zone: string): Period {
  const current = DateTime.fromJSDate(now, { zone }).startOf(name);
  const from = which === 'current' ? current : current.minus({ [PLURAL[name]]: 1 });
  return { from: from.toJSDate(), to: from.plus({ [PLURAL[name]]: 1 }).toJSDate() };
}

/**
 * The equal period right before `period`: the calendar week, month or quarter before one that is exactly such a unit;
 * the same number of local days before a range of whole local days; otherwise the same length of time.
 */
export function previousPeriod(period: Period, zone: string): Period {
  assertPeriod(period);
  const from = DateTime.fromJSDate(period.from, { zone });
  const to = DateTime.fromJSDate(period.to, { zone });
  for (const unit of ['quarter', 'month', 'week'] as const) {
    if (+from.startOf(unit) === +from && +from.plus({ [PLURAL[unit]]: 1 }) === +to) {
      return { from: from.minus({ [PLURAL[unit]]: 1 }).toJSDate(), to: period.from };
    }
  }
  if (+from.startOf('day') === +from && +to.startOf('day') === +to) {
    const days = Math.round(to.diff(from, 'days').days);
    return { from: from.minus({ days }).toJSDate(), to: period.from };
  }
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: period.from };
}

/** Up to this many local days a trend has a point per day; up to `WEEKLY_UP_TO_DAYS` per week; beyond, per month. */
const DAILY_UP_TO_DAYS = 31;
const WEEKLY_UP_TO_DAYS = 200;

/**
 * Where each point of the trend line starts (days of a week or month, weeks of a quarter, months of a year), the first
 * at `period.from`; each point ends where the next starts, the last at `period.to`. Boundaries are local midnights.
 */
export function trendStarts(period: Period, zone: string): Date[] {
  assertPeriod(period);
  const from = DateTime.fromJSDate(period.from, { zone });
  const days = DateTime.fromJSDate(period.to, { zone }).diff(from, 'days').days;
  const unit = days <= DAILY_UP_TO_DAYS ? 'day' : days <= WEEKLY_UP_TO_DAYS ? 'week' : 'month';
  const starts = [period.from];
  for (let next = from.startOf(unit).plus({ [`${unit}s`]: 1 }); next.toMillis() < period.to.getTime(); next = next.plus({ [`${unit}s`]: 1 })) {
    starts.push(next.toJSDate());
  }
  return starts;
}
