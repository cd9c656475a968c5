/**
 * Chart: a canvas drawn once chart.js has arrived (its own chunk, fetched the first time a chart is
 * shown), named for screen readers by a one-sentence summary (role="img"); the table beside it
 * carries the same figures. `data-drawn` says when the canvas holds the chart.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { reportWords } from './words.js';

type ChartLib = typeof import('./chartLib.js');

let loading: Promise<ChartLib> | undefined;

/** loadChartLib: chart.js and the reports' charts, fetched once (and asked again after a failure). */
function loadChartLib(): Promise<ChartLib> {
  loading ??= import('./chartLib.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export function Chart({
  name,
  summary,
  height,
  drawKey,
  draw,
  testId,
}: {
  /** What the chart is, e.g. "各地区追溯覆盖率条形图". */
  name: string;
  summary: string;
  height: number;
  /** Changes whenever what `draw` draws changes (the data, the language). */
  drawKey: string;
  draw: (lib: ChartLib, canvas: HTMLCanvasElement) => { destroy(): void };
  testId: string;
}) {
  const t = reportWords();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let current = true;
    setState('loading');
    loadChartLib().then(
      (lib) => {
        if (!current || !canvas.current) return;
        chart = draw(lib, canvas.current);
        setState('drawn');
      },
      () => current && setState('failed'),
    );
    return () => {
      current = false;
      chart?.destroy();
    };
  }, [drawKey]);
  const label = `${name}${t.colon}${summary}`;
  return (
    <figure class="chart" data-testid={testId} data-drawn={state === 'drawn' ? 'true' : 'false'}>
      <div class="chart-box" style={{ height: `${height}px` }}>
        <canvas ref={canvas} role="img" aria-label={label}>
          {label}
        </canvas>
      </div>
      {state === 'failed' ? <figcaption class="hint">{t.chartFailed}</figcaption> : null}
    </figure>
  );
}

/** chartHeight: room for `bars` horizontal bars and the axis, in CSS pixels. */
export const chartHeight = (bars: number): number => Math.max(140, 70 + bars * 34);
