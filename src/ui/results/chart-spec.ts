// What a chart shows, as plain data: the same spec draws the Chart.js canvas and the table of
// numbers under "Show table", so the two can never disagree.
import type { NumberFormat } from '../format';

export interface SeriesSpec {
  label: string;
  data: readonly number[];
  colour: string;
  /** Stack id for stacked areas/bars. */
  stack?: string;
  dashed?: boolean;
  /** Shade between this series and the previous one (gap shading). */
  fillToPrevious?: { above: string; below: string };
  axis?: 'y' | 'y2';
  /** Per-point colours for bars. */
  colours?: readonly string[];
}

export interface ChartSpec {
  id: string;
  title: string;
  subtitle: string;
  kind: 'line' | 'area' | 'bar' | 'hbar';
  /** x labels, one per point (weeks as dates, financial years, PCN names). */
  labels: readonly string[];
  xTitle: string;
  /** Where to mark the x axis, when not every label: weekly charts mark each financial year. */
  xTicks?: readonly { index: number; label: string }[];
  yTitle: string;
  y2Title?: string;
  format: NumberFormat;
  format2?: NumberFormat;
  /** Horizontal bars: lines a name may wrap onto (1 unless said); the rest is cut, whole in the tooltip and table. */
  labelLines?: number;
  series: SeriesSpec[];
  /**
   * Set while the figures are being brought up to date: the chart keeps its last drawing, dimmed,
   * with this note, and its table shows the note instead of numbers (never a mix of old and new).
   */
  pending?: string;
  /**
   * Which points the chart draws, when not all (a long ranking shows its two ends); the table and
   * CSV always hold every point. `note` says plainly what the chart leaves out.
   */
  plot?: { indices: readonly number[]; note: string };
}
