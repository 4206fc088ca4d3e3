import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { HistogramCount, SeriesHistogram } from './metrics.js';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const SAMPLES = [0.001, 0.005, 0.007, 0.3, 0.3, 2.5, 7];

/** The sample lines of a text exposition, each with its labels in name order. */
function samples(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
      if (!match) return line;
      const labels = match[2]!.split(/,(?=\w+=)/).sort();
      return `${match[1]}{${labels.join(',')}} ${match[3]}`;
    })
    .sort();
}

describe('SeriesHistogram', () => {
  it('prints what prom-client’s Histogram prints for the same observations', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const fast = new SeriesHistogram<'route' | 'status'>('d_seconds', 'Duration.', BUCKETS, ours);
    const reference = new Histogram({
      name: 'd_seconds',
      help: 'Duration.',
      labelNames: ['route', 'status'],
      buckets: BUCKETS,
      registers: [theirs],
    });
    for (const [route, status] of [
      ['/a', '200'],
      ['/b/:id', '404'],
    ] as const) {
      const series = fast.labels({ route, status });
      for (const v of SAMPLES) {
        series.observe(v);
        reference.labels({ route, status }).observe(v);
      }
    }
    const text = await ours.metrics();
    expect(text).toContain('# TYPE d_seconds histogram');
    expect(text).toContain('d_seconds_bucket{route="/a",status="200",le="+Inf"} 7');
    expect(samples(text)).toEqual(samples(await theirs.metrics()));
  });

  it('starts again from zero on a registry reset, through observers made before', async () => {
    const registry = new Registry();
    const histogram = new SeriesHistogram<'route'>('r_seconds', 'R.', BUCKETS, registry);
    const series = histogram.labels({ route: '/x' });
    series.observe(0.2);
    registry.resetMetrics();
    series.observe(3);
    const text = await registry.metrics();
    expect(text).toContain('r_seconds_count{route="/x"} 1');
    expect(text).toContain('r_seconds_sum{route="/x"} 3');
    expect(text).toContain('r_seconds_bucket{route="/x",le="2.5"} 0');
  });
});

describe('HistogramCount', () => {
  it('prints what a prom-client Counter incremented with each observation prints', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const histogram = new SeriesHistogram<'route' | 'status'>('h_seconds', 'H.', BUCKETS, ours);
    new HistogramCount('h_total', 'Served.', histogram, ours);
    const reference = new Counter({
      name: 'h_total',
      help: 'Served.',
      labelNames: ['route', 'status'],
      registers: [theirs],
    });
    for (const [route, status, times] of [
      ['/a', '200', 3],
      ['/b/:id', '404', 1],
    ] as const) {
      const series = histogram.labels({ route, status });
      for (let i = 0; i < times; i++) {
        series.observe(0.01);
        reference.labels({ route, status }).inc();
      }
    }
    const text = await ours.metrics();
    expect(text).toContain('# TYPE h_total counter');
    expect(text).toContain('h_total{route="/a",status="200"} 3');
    const counted = (t: string) => samples(t).filter((line) => line.startsWith('h_total'));
    expect(counted(text)).toEqual(counted(await theirs.metrics()));
  });

  it('counts from zero again after a registry reset', async () => {
    const registry = new Registry();
    const histogram = new SeriesHistogram<'route'>('q_seconds', 'Q.', BUCKETS, registry);
    new HistogramCount('q_total', 'Q.', histogram, registry);
    const series = histogram.labels({ route: '/x' });
    series.observe(0.2);
    series.observe(0.2);
    registry.resetMetrics();
    series.observe(0.2);
    expect(await registry.metrics()).toContain('q_total{route="/x"} 1');
  });
});
