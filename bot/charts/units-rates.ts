import type { Ranking } from '../../db/numbers/types.ts';
import { formatNumber, formatRate } from '../format.ts';
import { placeName } from '../format/unit-name.ts';
import { type Locale, t } from '../i18n/index.ts';
import { formatPeriod } from '../report/period.ts';
import { rateLabel } from '../report/results-rows.ts';
import { type ChartSize, DEFAULT_SIZE, renderPng } from './png.ts';

const CASES_COLOR = '#1f5fa8';
const MONEY_COLOR = '#e08a1e';
/** Each target a darker shade of its bar's colour. */
const TARGET_COLORS = { cases: '#0b2447', money: '#8c3b00' } as const;
/** A short horizontal stroke: a target marked over its bar. */
const TICK = 'path://M0,0 L10,0 L10,1 L0,1 Z';

/** Wide enough for every unit's pair of bars: a province of 160 units is still legible. */
export function unitsRatesSize(units: number): ChartSize {
  return { width: Math.min(Math.max(DEFAULT_SIZE.width, 200 + units * 40), 6000), height: DEFAULT_SIZE.height };
}

/**
 * A province's units (or a local unit's officers, as the ranking has them) by name, each with its rate by cases and by
 * money as bars and its two targets as ticks over them; percentages written as `locale` writes them.
 */
export function unitsRatesOption(ranking: Ranking, locale: Locale, size: ChartSize = unitsRatesSize(ranking.rows.length)) {
  const rows = ranking.rows;
  const names = rows.map((r) => (ranking.by === 'units' ? placeName(r.name) : r.name));
  const plotWidth = size.width - 160;
  const barWidth = Math.max(6, Math.min(40, Math.floor((plotWidth / Math.max(rows.length, 1)) * 0.32)));
  const percent = (value: number) => `${formatNumber(value, 0, locale)}%`;
  const rateLabelOf = (p: { value?: unknown }) => (typeof p.value === 'number' ? formatRate(p.value, locale) : '');
  const target = (side: 'cases' | 'money', offset: number) => ({
    name: t(locale, `chart.target.${side}`),
    type: 'scatter',
    symbol: TICK,
    symbolSize: [barWidth + 10, 4],
    symbolOffset: [offset, 0],
    itemStyle: { color: TARGET_COLORS[side] },
    z: 5,
    data: rows.map((r) => r.targets?.[side === 'cases' ? 'cases_rate' : 'money_rate'] ?? null),
    tooltip: { show: false },
  });
  const bars = (side: 'cases' | 'money', color: string) => ({
    name: rateLabel(side, locale),
    type: 'bar',
    barWidth,
    barGap: '0%',
    itemStyle: { color },
    label: { show: rows.length <= 20, position: 'top', fontSize: 11, formatter: rateLabelOf },
    data: rows.map((r) => r[side].rate),
  });
  const many = rows.length > 12;
  return {
    title: {
      text: t(locale, ranking.by === 'units' ? 'chart.units.title' : 'chart.officers.title', { name: ranking.name }),
      subtext: t(locale, 'chart.units.subtitle', { period: formatPeriod(ranking.work_year, ranking.at, locale) }),
      left: 'center',
      textStyle: { fontSize: 20, fontWeight: 600 },
      subtextStyle: { fontSize: 13, color: '#555' },
    },
    legend: { bottom: 8, itemGap: 24, textStyle: { fontSize: 13 } },
    grid: { left: 70, right: 40, top: 90, bottom: many ? 140 : 90 },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: many ? 45 : 0, fontSize: 13 },
    },
    yAxis: { type: 'value', min: 0, max: 100, interval: 20, axisLabel: { formatter: percent } },
    series: [bars('cases', CASES_COLOR), bars('money', MONEY_COLOR), target('cases', -barWidth / 2), target('money', barWidth / 2)],
    ...(rows.length === 0 ? { graphic: { type: 'text', left: 'center', top: 'middle', style: { text: t(locale, 'chart.no_units'), fontSize: 18 } } } : {}),
  };
}

/** The units' rates against their targets as a PNG. */
export function renderUnitsRatesChart(ranking: Ranking, locale: Locale): Buffer {
  const size = unitsRatesSize(ranking.rows.length);
  return renderPng(unitsRatesOption(ranking, locale, size), size);
}
