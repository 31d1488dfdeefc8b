import { DateTime } from 'luxon';
import { translate, type Language } from './i18n/index.js';

/** "rytoj 14:30" near today, else "2026-11-27 14:30" — always in the institution's time zone. */
export function formatWhen(at: Date, language: Language, now: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  const time = local.toFormat('HH:mm');
  const days = Math.round(local.startOf('day').diff(DateTime.fromJSDate(now, { zone }).startOf('day'), 'days').days);
  if (days === 0) return translate(language, 'time.today', { time });
  if (days === 1) return translate(language, 'time.tomorrow', { time });
  if (days === -1) return translate(language, 'time.yesterday', { time });
  return local.toFormat('yyyy-MM-dd HH:mm');
}
