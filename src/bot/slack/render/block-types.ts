import type { types } from '@slack/bolt';

/** Block Kit types, named once so the renderers read plainly. */
export type KnownBlock = types.KnownBlock;
export type ActionsBlock = types.ActionsBlock;
export type Button = types.Button;
export type MrkdwnElement = types.MrkdwnElement;
export type PlainTextElement = types.PlainTextElement;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type InputBlock = types.InputBlock;
export type PlainTextOption = types.PlainTextOption;
export type TableBlock = types.TableBlock;

/**
 * Slack's `data_visualization` block (changelog 2026-06-16): a line, bar, area or pie chart in a message — not in
 * modals or the App Home, at most two per message, a title of at most 50 characters. `@slack/types` does not type
 * it yet, so it is described here from Slack's reference.
 */
export interface DataVisualizationBlock {
  type: 'data_visualization';
  block_id?: string;
  title: string;
  chart: SeriesChart | PieChart;
}

/** One value per category of `axis_config`, in its order. */
export interface ChartDataSeries {
  name: string;
  data: Array<{ label: string; value: number }>;
}

export interface SeriesChart {
  type: 'line' | 'bar' | 'area';
  series: ChartDataSeries[];
  axis_config: { categories: string[]; x_label?: string; y_label?: string };
}

export interface PieChart {
  type: 'pie';
  segments: Array<{ label: string; value: number }>;
}

/** A block of a message: every known block, and the chart block @slack/types does not know yet. */
export type MessageBlock = KnownBlock | DataVisualizationBlock;
