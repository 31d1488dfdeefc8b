import { cardProblems } from './cards.js';

/**
 * Teams' chart elements (Chart.Line, Chart.VerticalBar, Chart.VerticalBar.Grouped, Chart.Donut …) are Teams
 * extensions that neither the `adaptivecards` parser nor the 1.5 schema knows (FACTS.md). A card with charts is
 * checked as two cards: each chart against the shape Teams documents (a title, its data, a `fallback` element), and
 * the card a client without charts renders — every chart replaced by its fallback — against the usual 1.5 checks.
 */
const SHAPES: Record<string, (data: any[]) => boolean> = {
  'Chart.VerticalBar': (data) => data.every((point) => typeof point.x === 'string' && Number.isFinite(point.y)),
  'Chart.VerticalBar.Grouped': (data) => data.every((series) => typeof series.legend === 'string' && series.values.every((point: any) => typeof point.x === 'string' && Number.isFinite(point.y))),
  'Chart.Line': (data) => data.every((series) => typeof series.legend === 'string' && series.values.every((point: any) => typeof point.x === 'string' && Number.isFinite(point.y))),
  'Chart.Donut': (data) => data.every((slice) => typeof slice.legend === 'string' && Number.isFinite(slice.value)),
  'Chart.Pie': (data) => data.every((slice) => typeof slice.legend === 'string' && Number.isFinite(slice.value)),
};

/** The chart elements of a card, wherever they stand. */
export function chartsIn(card: unknown): Array<Record<string, any>> {
  const found: Array<Record<string, any>> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, any>;
      if (typeof element.type === 'string' && element.type.startsWith('Chart.')) found.push(element);
      else Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The card as a client without chart elements renders it: each chart replaced by its fallback. */
export function withFallbacks(card: unknown): unknown {
  const swap = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(swap);
    if (!node || typeof node !== 'object') return node;
    const element = node as Record<string, any>;
    if (typeof element.type === 'string' && element.type.startsWith('Chart.')) return swap(element.fallback);
    return Object.fromEntries(Object.entries(element).map(([key, value]) => [key, swap(value)]));
  };
  return swap(card);
}

export function reportCardProblems(card: unknown): string[] {
  const problems: string[] = [];
  for (const chart of chartsIn(card)) {
    const shape = SHAPES[chart.type];
    if (!shape) problems.push(`chart: unknown type ${chart.type}`);
    else if (!Array.isArray(chart.data) || chart.data.length === 0 || !shape(chart.data)) problems.push(`chart: ${chart.type} data not as Teams documents it`);
    if (typeof chart.title !== 'string' || chart.title === '') problems.push(`chart: ${chart.type} without a title`);
    if (!chart.fallback || typeof chart.fallback !== 'object' || String(chart.fallback.type).startsWith('Chart.')) problems.push(`chart: ${chart.type} without a fallback element a 1.5 client renders`);
  }
  return [...problems, ...cardProblems(withFallbacks(card))];
}
