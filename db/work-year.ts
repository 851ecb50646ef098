/** Dates are ISO strings `YYYY-MM-DD` throughout: a THADS date has no time and no zone. */
export type IsoDate = string;

/** The work year (năm công tác) a date falls in: 1 October to 30 September, named by its end. */
export function workYearOf(date: IsoDate): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 10 ? y + 1 : y;
}

/** First day of a work year: work year 2026 starts 2025-10-01. */
export function workYearStart(workYear: number): IsoDate {
  return `${workYear - 1}-10-01`;
}

export function workYearEnd(workYear: number): IsoDate {
  return `${workYear}-09-30`;
}

/** The same day one year earlier; 29 February becomes 28 February. */
export function sameDayLastYear(date: IsoDate): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y - 1}-${pad(m)}-${pad(day)}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today's date in the given time zone (the clock is injected by the caller). */
export function todayIn(timeZone: string, now: Date): IsoDate {
  return dayFormat(timeZone).format(now);
}

// Building a DateTimeFormat costs far more than using one, and this runs for every message.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
