/** Five-field cron expressions (minute hour day-of-month month day-of-week), as bree and crontab read them. */

export interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  /** 0 = Sunday … 6 = Saturday (7 is read as Sunday too). */
  daysOfWeek: Set<number>;
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

export class CronError extends Error {
  override name = 'CronError';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** The first name stands for this number (1 for months, 0 for days). */
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAYS, nameBase: 0 },
];

/** Parses an expression such as `30 7 * * 1`; throws CronError saying which field is wrong. */
export function parseCron(expression: string): Cron {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new CronError(`"${expression}": expected five fields (minute hour day-of-month month day-of-week)`);
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = fields.map((field, i) => parseField(field, FIELDS[i]!, expression));
  if (daysOfWeek!.delete(7)) daysOfWeek!.add(0);
  return {
    minutes: minutes!,
    hours: hours!,
    daysOfMonth: daysOfMonth!,
    months: months!,
    daysOfWeek: daysOfWeek!,
    anyDayOfMonth: fields[2] === '*' || fields[2] === '?',
    anyDayOfWeek: fields[4] === '*' || fields[4] === '?',
  };
}

function parseField(field: string, spec: FieldSpec, expression: string): Set<number> {
  const fail = (): never => {
    throw new CronError(`"${expression}": the ${spec.name} field "${field}" is not valid (${spec.min}-${spec.max})`);
  };
  const value = (text: string): number => {
    const named = spec.names?.indexOf(text.toLowerCase()) ?? -1;
    const n = named >= 0 ? named + (spec.nameBase ?? 0) : /^\d+$/.test(text) ? Number(text) : NaN;
    return Number.isInteger(n) && n >= spec.min && n <= spec.max ? n : fail();
  };
  const set = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|\?|[\w]+(?:-[\w]+)?)(?:\/(\d+))?$/.exec(part);
    if (!match) fail();
    const [, range, stepText] = match!;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) fail();
    let from: number;
    let to: number;
    if (range === '*' || range === '?') [from, to] = [spec.min, spec.name === 'day of week' ? 6 : spec.max];
    else if (range!.includes('-')) [from, to] = range!.split('-').map(value) as [number, number];
    else [from, to] = [value(range!), stepText === undefined ? value(range!) : spec.max];
    if (from > to) fail();
    for (let n = from; n <= to; n += step) set.add(n);
  }
  return set;
}
