import type { ReportChart, ReportView } from './report-view.js';

/**
 * R60.internal: a report's charts as one PNG, for surfaces that show no chart elements (Slack's App Home; a Teams
 * tab or an e-mail could use it too). Rendered in-process with no native system library: Vega-Lite compiles each
 * chart to a Vega spec, Vega draws SVG without a canvas, and resvg (a prebuilt binary on npm) rasterises it with the
 * system's fonts. The libraries are loaded on first use, so processes that never draw never load them.
 */

const WIDTH = 560;
const HEIGHT = 220;

type Row = { category: string; series: string; value: number; order: number };

function rows(chart: ReportChart): Row[] {
  return chart.series.flatMap((series) => chart.categories.map((category, order) => ({ category, series: series.name, value: series.values[order]!, order })));
}

/** One chart as a Vega-Lite view: a line per series, grouped bars, or a donut; categories in the core's order. */
export function chartSpec(chart: ReportChart): Record<string, unknown> {
  const data = { values: rows(chart) };
  const title = { text: chart.title, anchor: 'start' };
  if (chart.kind === 'pie') {
    return {
      title,
      data,
      width: HEIGHT,
      height: HEIGHT,
      mark: { type: 'arc', innerRadius: HEIGHT / 4 },
      encoding: { theta: { field: 'value', type: 'quantitative' }, color: { field: 'category', type: 'nominal', sort: chart.categories, title: null } },
    };
  }
  const x = { field: 'category', type: 'ordinal', sort: { field: 'order' }, title: chart.xLabel ?? null, axis: { labelAngle: 0 } };
  const y = { field: 'value', type: 'quantitative', title: chart.yLabel ?? null };
  // One series needs no legend: its title says what it is.
  const color = chart.series.length > 1 ? { field: 'series', type: 'nominal', title: null } : { value: '#4c78a8' };
  return {
    title,
    data,
    width: WIDTH,
    height: HEIGHT,
    mark: chart.kind === 'line' ? { type: 'line', point: true } : { type: 'bar' },
    encoding: { x, y, color, ...(chart.kind === 'bar' && chart.series.length > 1 ? { xOffset: { field: 'series' } } : {}) },
  };
}

/** The charts of a report, one under the other, as a Vega-Lite spec. */
export function dashboardSpec(view: Pick<ReportView, 'charts'>): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 16,
    config: { font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif', view: { stroke: null } },
    vconcat: view.charts.map(chartSpec),
    // Each chart keeps its own colours and legend.
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
  };
}

type Libraries = [typeof import('vega'), typeof import('vega-lite'), typeof import('@resvg/resvg-js')];
let libraries: Promise<Libraries> | null = null;

/** The drawing libraries, loaded once, one after another (they share modules; loading them side by side gains nothing). */
function load(): Promise<Libraries> {
  libraries ??= (async (): Promise<Libraries> => {
    const vegaLite = await import('vega-lite');
    const vega = await import('vega');
    return [vega, vegaLite, await import('@resvg/resvg-js')];
  })();
  return libraries;
}

/** SVG of a Vega-Lite spec, drawn headless (no canvas, no DOM). */
export async function svgOf(spec: Record<string, unknown>): Promise<string> {
  const [vega, vegaLite] = await load();
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG bytes of an SVG, at twice its size for sharp text on high-density screens. */
export async function pngOf(svg: string): Promise<Buffer> {
  const [, , { Resvg }] = await load();
  const image = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return image.render().asPng();
}

/** The report's charts as one PNG image; null when the report has no chart. */
export async function dashboardPng(view: Pick<ReportView, 'charts'>): Promise<Buffer | null> {
  if (view.charts.length === 0) return null;
  return pngOf(await svgOf(dashboardSpec(view)));
}
