import type { Compared, QualityFigures } from '../../../domain/quality/report.js';
import { translate, type Language, type MessageKey } from '../i18n/index.js';
import type { FigureMood, ReportFigure } from './report-view.js';

type Format = 'count' | 'share' | 'minutes' | 'score';

/** One figure of the report: where it is read, how it is written, and which way is better (null: neither). */
interface FigureSpec {
  readonly id: string;
  readonly label: MessageKey;
  readonly read: (figures: QualityFigures) => number | null;
  readonly format: Format;
  readonly higherIsBetter: boolean | null;
}

/** The figures of R60.internal (and the clients' ratings of R60.external), in the order every report shows them. */
export const FIGURES: readonly FigureSpec[] = [
  { id: 'received', label: 'report.figure.received', read: (f) => f.received, format: 'count', higherIsBetter: null },
  { id: 'resolved', label: 'report.figure.resolved', read: (f) => f.resolved, format: 'count', higherIsBetter: true },
  { id: 'open', label: 'report.figure.open', read: (f) => f.open, format: 'count', higherIsBetter: null },
  { id: 'first_reply_on_time', label: 'report.figure.first_reply_on_time', read: (f) => f.firstReplyOnTimeShare, format: 'share', higherIsBetter: true },
  { id: 'first_reply_median', label: 'report.figure.first_reply_median', read: (f) => f.firstReplyMedianOfficeMinutes, format: 'minutes', higherIsBetter: false },
  { id: 'resolved_on_time', label: 'report.figure.resolved_on_time', read: (f) => f.resolvedOnTimeShare, format: 'share', higherIsBetter: true },
  { id: 'overdue', label: 'report.figure.overdue', read: (f) => f.overdue, format: 'count', higherIsBetter: false },
  { id: 'escalated', label: 'report.figure.escalated', read: (f) => f.escalatedConflicts, format: 'count', higherIsBetter: false },
  { id: 'incidents', label: 'report.figure.incidents', read: (f) => f.incidents, format: 'count', higherIsBetter: false },
  { id: 'missed_callbacks', label: 'report.figure.missed_callbacks', read: (f) => f.missedCallbacks, format: 'count', higherIsBetter: false },
  { id: 'summaries_on_time', label: 'report.figure.summaries_on_time', read: (f) => f.summariesOnTimeShare, format: 'share', higherIsBetter: true },
  { id: 'reopened', label: 'report.figure.reopened', read: (f) => f.reopened, format: 'count', higherIsBetter: false },
  { id: 'rating', label: 'report.figure.rating', read: (f) => f.ratings.average, format: 'score', higherIsBetter: true },
];

const LOCALES: Record<Language, string> = { lt: 'lt-LT', en: 'en-GB' };

/** Rounding, decided once: shares as whole percents, office time in whole minutes, ratings to one decimal. */
export function rounded(value: number, format: Format): number {
  if (format === 'share') return Math.round(value * 100);
  if (format === 'score') return Math.round(value * 10) / 10;
  return Math.round(value);
}

function number(value: number, language: Language, decimals = 0): string {
  return new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** A figure as written: "87 %", "1 val. 25 min.", "4,3", "12"; "—" when there is nothing to divide. */
export function written(value: number | null, format: Format, language: Language): string {
  if (value === null) return '—';
  const shown = rounded(value, format);
  switch (format) {
    case 'count':
      return number(shown, language);
    case 'share':
      return translate(language, 'report.percent', { value: number(shown, language) });
    case 'score':
      return number(shown, language, 1);
    case 'minutes': {
      const hours = Math.floor(shown / 60);
      const minutes = shown % 60;
      return hours === 0 ? translate(language, 'report.minutes', { minutes }) : translate(language, 'report.hours_minutes', { hours, minutes });
    }
  }
}

/** The change in the figure's own unit: shares in percentage points, the rest as shown. */
function delta(current: number, previous: number, format: Format, language: Language): string {
  const difference = rounded(current, format) - rounded(previous, format);
  const sign = difference > 0 ? '+' : difference < 0 ? '−' : '';
  const size = Math.abs(difference);
  if (format === 'share') return translate(language, 'report.points', { value: `${sign}${number(size, language)}` });
  if (format === 'minutes') return `${sign}${written(size, 'minutes', language)}`;
  return `${sign}${number(size, language, format === 'score' ? 1 : 0)}`;
}

/** Up or down against the previous period, and whether that is good for this figure. */
function compare(spec: FigureSpec, compared: Compared, language: Language): { change: string; mood: FigureMood } {
  const current = spec.read(compared.current);
  const previous = spec.read(compared.previous);
  if (current === null || previous === null) return { change: '', mood: 'none' };
  const difference = rounded(current, spec.format) - rounded(previous, spec.format);
  const before = written(previous, spec.format, language);
  if (difference === 0) return { change: translate(language, 'report.change.same', { previous: before }), mood: 'same' };
  const arrow = difference > 0 ? '▲' : '▼';
  const mood: FigureMood = spec.higherIsBetter === null ? 'none' : (difference > 0) === spec.higherIsBetter ? 'better' : 'worse';
  return { change: translate(language, 'report.change', { arrow, delta: delta(current, previous, spec.format, language), previous: before }), mood };
}

/** Every figure of one scope, with its change against the previous period. */
export function figuresOf(compared: Compared, language: Language): ReportFigure[] {
  return FIGURES.map((spec) => ({
    id: spec.id,
    label: translate(language, spec.label),
    value: written(spec.read(compared.current), spec.format, language),
    ...compare(spec, compared, language),
  }));
}

/** One figure written alone (table cells). */
export function writtenFigure(id: string, figures: QualityFigures, language: Language): string {
  const spec = FIGURES.find((candidate) => candidate.id === id)!;
  return written(spec.read(figures), spec.format, language);
}
