import { addDays, type IsoDate } from '../work-year.ts';
import { clampDate, randomWorkday } from './dates.ts';
import type { Random } from './random.ts';
import type { CaseStatus } from '../schema.ts';
import type { DemoCollection } from './types.ts';

export interface CollectionInput {
  amount: number;
  status: CaseStatus;
  acceptedDate: IsoDate;
  statusDate: IsoDate;
}

/**
 * Money collected (thực thu) on one case: a completed money case is paid in full, its last
 * payment on the day it completed; open, terminated, postponed or suspended cases hold part
 * payments; entrusted and withdrawn ones none (the money follows the case elsewhere).
 */
export function drawCollections(random: Random, c: CollectionInput, today: IsoDate): DemoCollection[] {
  if (c.amount === 0) return [];
  switch (c.status) {
    case 'completed':
      return split(random, c.amount, c.acceptedDate, c.statusDate, true);
    case 'terminated':
      return random.chance(0.5) ? partial(random, c, 0.1, 0.6, c.statusDate) : [];
    case 'enforcing':
      // Debtors rarely pay before notification and the voluntary period have started.
      return random.chance(0.45) ? partial(random, c, 0.05, 0.6, today, 10) : [];
    case 'postponed':
    case 'suspended':
      return random.chance(0.3) ? partial(random, c, 0.05, 0.4, c.statusDate) : [];
    case 'no_conditions':
      return random.chance(0.1) ? partial(random, c, 0.02, 0.2, c.statusDate) : [];
    default:
      return [];
  }
}

function partial(
  random: Random,
  c: CollectionInput,
  low: number,
  high: number,
  until: IsoDate,
  delay = 0,
): DemoCollection[] {
  const from = addDays(c.acceptedDate, delay);
  if (from > until) return [];
  const total = Math.round((c.amount * random.between(low, high)) / 1000) * 1000;
  if (total <= 0 || total >= c.amount) return [];
  return split(random, total, from, until, false);
}

/** Splits `total` into instalments rounded to 1,000 VND, dated in order between `from` and `to`. */
function split(random: Random, total: number, from: IsoDate, to: IsoDate, endsOnTo: boolean): DemoCollection[] {
  const wanted = total < 50_000_000 ? random.int(1, 2) : random.int(1, 5);
  const count = Math.max(1, Math.min(wanted, Math.floor(total / 1000)));
  const dates = Array.from({ length: count }, () => randomWorkday(random, from, to)).sort();
  if (endsOnTo) dates[count - 1] = clampDate(to, from, to);
  const weights = dates.map(() => random.between(0.5, 1.5));
  const sum = weights.reduce((a, b) => a + b, 0);
  const rows: DemoCollection[] = [];
  let left = total;
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const share = Math.floor((total * weights[i]!) / sum / 1000) * 1000;
    // Leave at least 1,000 VND for every instalment still to come.
    const amount = last ? left : Math.max(1000, Math.min(share, left - (count - 1 - i) * 1000));
    rows.push({ date: dates[i]!, amount });
    left -= amount;
  }
  return rows;
}
