import type { MonthlyRates } from '../../db/numbers/monthly-rates.ts';
import { formatDate, formatNumber, formatRate } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';
import { rateLabel } from '../report/results-rows.ts';
import { type ChartSize, DEFAULT_SIZE, renderPng } from './png.ts';

const CASES_COLOR = '#1f5fa8';
const MONEY_COLOR = '#e08a1e';

/** A point's day without its year (both years share it): `31/10` (vi), `31 Oct` (en). */
const dayOfYear = (iso: string, locale: Locale) => formatDate(iso, locale).replace(/[/ ]\d{4}$/, '');

/**
 * A unit's rates at each month's end of this work year (the last point on `at`), by cases and by
 * money, as solid lines; the same days of the previous work year dashed beside them.
 */
export function monthlyRatesOption(m: MonthlyRates, locale: Locale) {
  const rate = (p: { value?: unknown }) => (typeof p.value === 'number' ? formatRate(p.value, locale) : '');
  const line = (side: 'cases' | 'money', color: string, lastYear: boolean) => ({
    name: t(locale, 'chart.monthly.series', { rate: rateLabel(side, locale), year: lastYear ? m.work_year - 1 : m.work_year }),
    type: 'line',
    symbol: lastYear ? 'emptyCircle' : 'circle',
    symbolSize: 8,
    connectNulls: false,
    lineStyle: { color, width: lastYear ? 2 : 3, type: lastYear ? 'dashed' : 'solid' },
    itemStyle: { color },
    label: { show: !lastYear, position: 'top', fontSize: 12, formatter: rate },
    data: m.points.map((p) => {
      const on = lastYear ? p.last_year : p;
      return side === 'cases' ? on.cases_rate : on.money_rate;
    }),
  });
  return {
    title: {
      text: t(locale, 'chart.monthly.title', { name: m.name }),
      subtext: t(locale, 'chart.monthly.subtitle', { year: m.work_year, last: m.work_year - 1, at: formatDate(m.at, locale) }),
      left: 'center',
      textStyle: { fontSize: 20, fontWeight: 600 },
      subtextStyle: { fontSize: 13, color: '#555' },
    },
    legend: { bottom: 8, itemGap: 20, textStyle: { fontSize: 13 } },
    grid: { left: 70, right: 40, top: 90, bottom: 110 },
    xAxis: { type: 'category', data: m.points.map((p) => dayOfYear(p.at, locale)), axisLabel: { fontSize: 13 } },
    yAxis: { type: 'value', min: 0, max: 100, interval: 20, axisLabel: { formatter: (v: number) => `${formatNumber(v, 0, locale)}%` } },
    series: [line('cases', CASES_COLOR, false), line('cases', CASES_COLOR, true), line('money', MONEY_COLOR, false), line('money', MONEY_COLOR, true)],
  };
}

/** The monthly rates against last year's as a PNG. */
export function renderMonthlyRatesChart(m: MonthlyRates, locale: Locale, size: ChartSize = DEFAULT_SIZE): Buffer {
  return renderPng(monthlyRatesOption(m, locale), size);
}
