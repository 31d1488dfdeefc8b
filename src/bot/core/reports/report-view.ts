/**
 * R60.internal: one platform-neutral report, decided once (who sees what, which figures, rounding, words) and
 * rendered by each platform: Slack's `data_visualization` blocks and a table, Teams' chart elements with their
 * fallbacks, the App Home image. No client's name or contact is ever part of it: it is built from
 * `QualityReport` figures and staff names only.
 */

/** How a figure moved against the previous equal period, judged by what is good for that figure. */
export type FigureMood = 'better' | 'worse' | 'same' | 'none';

/** One figure in the reader's words: "Atsakyta laiku" · "87 %" · "▲ +5 p. p. (buvo 82 %)". */
export interface ReportFigure {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** Up or down against the previous period, in words; empty when there is nothing to compare. */
  readonly change: string;
  readonly mood: FigureMood;
}

/** Figures of one scope under a heading ("Jūsų rodikliai", "Visa įstaiga"). */
export interface FigureGroup {
  readonly heading: string;
  readonly figures: readonly ReportFigure[];
}

export type ChartKind = 'line' | 'bar' | 'pie';

/**
 * A chart's data, already within the strictest platform's limits (CHART_LIMITS): every series has one finite value
 * per category; a pie has one series whose values are positive.
 */
export interface ReportChart {
  readonly id: 'trend' | 'on_time' | 'channels';
  readonly kind: ChartKind;
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: ReadonlyArray<{ readonly name: string; readonly values: readonly number[] }>;
  readonly xLabel?: string;
  readonly yLabel?: string;
}

/** The same data as text, for readers and clients without charts: a header row and rows of cells. */
export interface ReportTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

export interface ReportView {
  /** "Savaitės ataskaita" — also the notification text. */
  readonly title: string;
  /** "2027-03-01 – 2027-03-07 · palyginta su 2027-02-22 – 2027-02-28". */
  readonly period: string;
  /** Whose figures these are, in words ("Jūsų ir visos įstaigos rodikliai"). */
  readonly scope: string;
  readonly groups: readonly FigureGroup[];
  /** At most CHART_LIMITS.perMessage. */
  readonly charts: readonly ReportChart[];
  readonly table: ReportTable | null;
  /** The CSV of the period's inquiries (one row each), through a link signed for the reader. */
  readonly export: { readonly label: string; readonly url: string } | null;
  /** What the report never holds: said at its foot. */
  readonly footnote: string;
}

/**
 * The strictest chart limits of the platforms (Slack's data visualization block; Teams takes as much), applied once
 * here so no renderer decides what to leave out.
 */
export const CHART_LIMITS = {
  perMessage: 2,
  title: 50,
  axisLabel: 50,
  categories: 20,
  series: 6,
  /** Category, series and segment labels. */
  label: 20,
  pieSegments: 12,
} as const;

/** Text cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
