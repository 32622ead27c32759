/**
 * One live uPlot chart over the sample history. New samples only mark it dirty; a
 * requestAnimationFrame loop calls setData at most once per frame, and React renders it once.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useSampleHistory } from '../store/store-context';
import { useEffectiveTheme } from '../theme/use-effective-theme';
import type { SampleHistory, SeriesName } from '../store/sample-history';
import { timeTickLabel, timeTickSpace } from './time-axis';

export interface LiveSeries {
  key: SeriesName | `core${number}`;
  label: string;
  /** CSS variable name for the stroke, e.g. "--c1". */
  color: string;
}

export interface LiveChartProps {
  series: LiveSeries[];
  /** Seconds of history shown. */
  rangeSeconds: number;
  /** Fixed y range (e.g. 0–100 %); otherwise from the data, starting at 0. */
  yMax?: number;
  unit: string;
  label: string;
  /** Alternative data source (the 24 h rollups) instead of the live history. */
  staticData?: uPlot.AlignedData | null;
}

const AXIS_FONT = '11px system-ui';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** Finite max of the visible series, so a NaN gap never poisons the scale. */
function finiteMax(data: uPlot.AlignedData): number {
  let max = 0;
  for (let s = 1; s < data.length; s++) {
    const arr = data[s] as ArrayLike<number | null>;
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (v != null && v > max) max = v;
    }
  }
  return max;
}

/** Text width in CSS pixels at the axes' font, for the time ticks' spacing. */
function measureAxisText(): (text: string) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (text) => text.length * 7;
  ctx.font = AXIS_FONT;
  return (text) => ctx.measureText(text).width;
}

function readData(history: SampleHistory, keys: LiveSeries['key'][], rangeSeconds: number): uPlot.AlignedData {
  // The window ends at the newest sample, so a core whose clock differs from this machine's still fills it.
  const end = Number.isFinite(history.latestTime) ? history.latestTime : Date.now() / 1000;
  return history.window(keys, end - rangeSeconds) as unknown as uPlot.AlignedData;
}

/** A live chart; it draws itself from the history outside React. */
export function LiveChart({ series, rangeSeconds, yMax, unit, label, staticData }: LiveChartProps) {
  const history = useSampleHistory();
  const host = useRef<HTMLDivElement>(null);
  const keys = series.map((s) => s.key).join(',');
  const theme = useEffectiveTheme();
  const { i18n } = useTranslation();
  const language = i18n.language;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axisColor = cssVar('--muted');
    const gridColor = cssVar('--grid');
    // The UI language, not <html lang>: that attribute can change after the first charts are built.
    const locale = language || undefined;
    const measure = measureAxisText();
    const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const fmt = (v: number) =>
      Math.abs(v) >= 10_000
        ? `${numberFormat.format(Math.round(v / 1000))}k`
        : numberFormat.format(Math.abs(v) >= 100 ? Math.round(v) : v);
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height: 140,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 5 } },
      scales: {
        x: { time: true },
        y: { range: (u) => [0, yMax ?? Math.max(1, finiteMax(u.data) * 1.15)] },
      },
      axes: [
        {
          stroke: axisColor,
          grid: { stroke: gridColor, width: 1 },
          ticks: { show: false },
          size: 24,
          font: AXIS_FONT,
          space: (_u, _axis, min, max) => timeTickSpace(min, max, locale, measure),
          values: (_u, vals, _axis, _space, incr) => vals.map((v) => timeTickLabel(v, incr, locale)),
        },
        {
          stroke: axisColor,
          grid: { stroke: gridColor, width: 1 },
          ticks: { show: false },
          size: 66,
          font: AXIS_FONT,
          values: (_u, vals) => vals.map((v) => `${fmt(v)}${unit ? ` ${unit}` : ''}`),
        },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: cssVar(s.color),
          width: 1.6,
          fill: series.length === 1 ? `${cssVar(s.color)}1f` : undefined,
          points: { show: false },
        })),
      ],
    };
    const keyList = series.map((s) => s.key);
    const chart = new uPlot(opts, staticData ?? readData(history, keyList, rangeSeconds), el);

    let dirty = false;
    let frame = 0;
    const draw = () => {
      frame = 0;
      if (!dirty) return;
      dirty = false;
      chart.setData(readData(history, keyList, rangeSeconds));
    };
    const unsubscribe = staticData
      ? () => {}
      : history.subscribe(() => {
          dirty = true;
          if (!frame) frame = requestAnimationFrame(draw);
        });
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(el.clientWidth, 200), height: 140 }));
    resize.observe(el);
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
      resize.disconnect();
      chart.destroy();
    };
    // `keys` stands for `series` (a new array each render with the same content); `theme` re-reads the colours,
    // `label` (translated) rebuilds the axes in a new language.
  }, [history, keys, rangeSeconds, yMax, unit, staticData, theme, label, language]);

  const legend = series.length > 1 && series.length <= 4;
  return (
    <>
      {legend ? (
        <ul className="legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.label}>
              <span className="swatch" style={{ background: `var(${s.color})` }} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <div
        className="chart"
        ref={host}
        role="img"
        aria-label={legend ? `${label}: ${series.map((s) => s.label).join(', ')}` : label}
      />
    </>
  );
}
