/**
 * Tiny measuring helpers shared by the benchmarks. Each benchmark prints one
 * JSON line per figure, with the peer or ceiling measured in the same run.
 */

/** rate runs `fn(i)` for about `seconds` after a warm-up and returns calls per second. */
export function rate(fn: (i: number) => void, seconds = 1.5, batch = 1000): number {
  for (let i = 0; i < batch * 5; i++) fn(i);
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  let calls = 0;
  while (performance.now() < deadline) {
    for (let i = 0; i < batch; i++) fn(calls + i);
    calls += batch;
  }
  return calls / ((performance.now() - start) / 1000);
}

/** timePerCall returns the median time of `fn(i)` in microseconds over `samples` calls. */
export function medianMicros(fn: (i: number) => void, samples = 2000): number {
  for (let i = 0; i < 200; i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    fn(i);
    times.push((performance.now() - start) * 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function report(figure: Record<string, unknown>): void {
  console.log(JSON.stringify({ ...figure, node: process.version, at: new Date().toISOString() }));
}

export const round = (n: number, digits = 3): number => Number(n.toPrecision(digits));
