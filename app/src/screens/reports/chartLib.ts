/**
 * The reports' bar charts on chart.js, loaded only by the reports screen (a dynamic import in
 * Chart.tsx) so the first screen never fetches it. Only the bar controller, its element, the two
 * scales and the tooltip are registered, so the rest of chart.js is tree-shaken away.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, type Plugin, Tooltip } from 'chart.js';
import type { BarData, CoverageBars } from './reportData.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const INK = '#1d2a20';
const GREEN = '#2f6b3a';
const TARGET_RED = '#a01c1c';
const GRID = '#e3e8e1';
const MUTED = '#4d5b50';

Chart.defaults.font.family = 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
Chart.defaults.color = INK;

/** What a drawn chart offers its screen: to be taken down when the screen changes. */
export interface DrawnChart {
  destroy(): void;
}

/** What a chart shows besides its bars: the axis' tick format, each bar's text and what a tap on a drillable bar does. */
export interface ChartOptions {
  readonly tick: (value: number) => string;
  readonly texts: readonly string[];
  readonly onPick: (region: string) => void;
}

/** targetLine: a dashed vertical line at `value` on the x axis, labelled above the chart area. */
const targetLine = (value: number, label: string): Plugin<'bar'> => ({
  id: 'targetLine',
  afterDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    const x = scales.x!.getPixelForValue(value);
    ctx.save();
    ctx.strokeStyle = TARGET_RED;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, chartArea.top);
    ctx.lineTo(x, chartArea.bottom);
    ctx.stroke();
    ctx.fillStyle = TARGET_RED;
    ctx.font = `600 12px ${Chart.defaults.font.family}`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(label, x, chartArea.top - 4);
    ctx.restore();
  },
});

/**
 * barTexts: each bar's text at its end (inside it, in white, when there is no room after it); a
 * missing bar's text (no certified products) where the bar would start.
 */
const barTexts = (texts: readonly string[]): Plugin<'bar'> => ({
  id: 'barTexts',
  afterDatasetsDraw(chart) {
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.font = `12px ${Chart.defaults.font.family}`;
    ctx.textBaseline = 'middle';
    for (const [index, bar] of chart.getDatasetMeta(0).data.entries()) {
      const text = texts[index] ?? '';
      const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
      const value = chart.data.datasets[0]!.data[index];
      const width = ctx.measureText(text).width;
      const inside = value !== null && x + 6 + width > chartArea.right;
      ctx.fillStyle = inside ? '#fff' : value === null ? MUTED : INK;
      ctx.textAlign = inside ? 'right' : 'left';
      ctx.fillText(text, value === null ? chartArea.left + 4 : inside ? x - 6 : x + 6, y);
    }
    ctx.restore();
  },
});

function drawBars(
  canvas: HTMLCanvasElement,
  bars: BarData,
  options: ChartOptions,
  max: number | undefined,
  plugins: Plugin<'bar'>[],
): DrawnChart {
  const pick = (index: number | undefined): void => {
    if (index !== undefined && bars.drillable[index]) options.onPick(bars.regions[index]!);
  };
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: [...bars.labels],
      datasets: [{ data: [...bars.values], backgroundColor: GREEN, borderRadius: 3, maxBarThickness: 28 }],
    },
    plugins: [...plugins, barTexts(options.texts)],
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      // Drawn at once: the figures matter, not the motion (and reduced motion needs none).
      animation: false,
      layout: { padding: { top: 20, right: 8 } },
      scales: {
        x: {
          min: 0,
          ...(max === undefined ? {} : { max }),
          grid: { color: GRID },
          ticks: { precision: 0, callback: (value) => options.tick(Number(value)) },
        },
        y: { grid: { display: false } },
      },
      plugins: {
        tooltip: { callbacks: { label: (item) => options.texts[item.dataIndex] ?? '' } },
      },
      onClick: (_event, elements) => pick(elements[0]?.index),
      onHover: (event, elements) => {
        const target = event.native?.target as HTMLElement | undefined;
        if (target) target.style.cursor = elements[0] && bars.drillable[elements[0].index] ? 'pointer' : 'default';
      },
    },
  });
}

/** drawCoverage: a bar per region, 0–100%, with the target drawn as a dashed line at 100%. */
export const drawCoverage = (canvas: HTMLCanvasElement, bars: CoverageBars, options: ChartOptions & { targetLabel: string }): DrawnChart =>
  drawBars(canvas, bars, options, bars.target, [targetLine(bars.target, options.targetLabel)]);

/** drawActivity: a bar per region, the count of one measure. */
export const drawActivity = (canvas: HTMLCanvasElement, bars: BarData, options: ChartOptions): DrawnChart =>
  drawBars(canvas, bars, options, undefined, []);
