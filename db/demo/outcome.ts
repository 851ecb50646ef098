import type { CaseStatus } from '../schema.ts';
import { addDays, addMonths, daysBetween, type IsoDate } from '../work-year.ts';
import { clampDate, toWeekday } from './dates.ts';
import type { Random } from './random.ts';

export interface Outcome {
  amount: number;
  flags: string[];
  status: CaseStatus;
  statusDate: IsoDate;
  verifiedOn: IsoDate | null;
  dueDate: IsoDate | null;
}

/**
 * How one case accepted on `accepted` has fared by `today` in a unit of the given strength
 * (0–1). The shares follow what THADS reports nationwide: most cases close within months,
 * large credit and complex cases drag on, about a fifth turn out to have no conditions.
 */
export function drawOutcome(random: Random, strength: number, accepted: IsoDate, today: IsoDate): Outcome {
  const credit = random.chance(0.08);
  const complex = random.chance(credit ? 0.15 : 0.03);
  const complaint = random.chance(complex ? 0.2 : 0.025);
  const flags = [credit && 'credit', complex && 'complex', complaint && 'complaint'].filter(
    (f): f is string => typeof f === 'string',
  );
  const amount = drawAmount(random, credit);
  const weakness = 1 - strength;

  let status: CaseStatus;
  let delay: number;
  const kind = random.next();
  if (kind < 0.012) [status, delay] = ['withdrawn', random.int(10, 90)];
  else if (kind < 0.037) [status, delay] = ['entrusted', random.int(7, 60)];
  else if (kind < 0.23) [status, delay] = ['no_conditions', random.int(20, 90)];
  else {
    // Big money drags on: it is what keeps the rate by money well below the rate by cases.
    const size = amount > 2e9 ? 0.75 : amount > 5e8 ? 0.45 : amount > 1e8 ? 0.05 : 0;
    const hard = (credit ? 0.3 : 0) + (complex ? 0.3 : 0);
    const slowChance = Math.min(0.95, 0.005 + 0.1 * weakness ** 2 + hard * (0.2 + 0.7 * weakness) + size * (0.7 + 0.5 * weakness));
    delay = random.chance(slowChance)
      ? Math.round(90 + random.exponential((300 + 400 * weakness) * (amount > 2e9 ? 2.5 : amount > 5e8 ? 1.5 : 1)))
      : Math.round(2 + random.exponential(3 + 40 * weakness * weakness));
    const end = random.next();
    const terminated = credit ? 0.03 : 0.07;
    const held = 0.005 + 0.04 * weakness;
    if (end < terminated) status = 'terminated';
    else if (end < terminated + held) status = 'postponed';
    else if (end < terminated + 1.5 * held) status = 'suspended';
    else status = 'completed';
  }

  // Verification within the legal ~25 days, often missed by weak units; a leader's deadline now and then.
  const verifyOn = toWeekday(addDays(accepted, random.int(12, 24)));
  const verificationLapses = random.chance(0.04 + 0.2 * weakness);
  const reverifyBack = random.int(0, 15);
  const hasDeadline = random.chance(0.05);
  const deadline = addDays(today, random.int(-30, 60));

  const raw = addDays(accepted, delay);
  if (raw > today) {
    // Still being enforced: by convention status_date is then the accepted date.
    const verifiedOn = verifyOn <= today && !verificationLapses ? verifyOn : null;
    const dueDate = hasDeadline && deadline > accepted ? toWeekday(deadline) : null;
    return { amount, flags, status: 'enforcing', statusDate: accepted, verifiedOn, dueDate };
  }
  const statusDate = clampDate(toWeekday(raw), accepted, today);
  // A postponement or suspension is temporary: one older than about nine months has since
  // been lifted, and the case has been seen through (history keeps one row per case).
  if ((status === 'postponed' || status === 'suspended') && daysBetween(statusDate, today) > 270) {
    status = 'completed';
  }
  let verifiedOn: IsoDate | null = null;
  if (status === 'no_conditions') {
    verifiedOn = lastReverification(statusDate, today, verificationLapses, reverifyBack);
  } else if (status !== 'entrusted' && status !== 'withdrawn' && verifyOn <= statusDate) {
    verifiedOn = verifyOn;
  }
  return { amount, flags, status, statusDate, verifiedOn, dueDate: null };
}

/** Cases without conditions are re-verified every 6 months; a lapsing unit misses one round. */
function lastReverification(since: IsoDate, today: IsoDate, lapses: boolean, backDays: number): IsoDate {
  let rounds = 0;
  while (addMonths(since, 6 * (rounds + 1)) <= today) rounds++;
  if (lapses) rounds = Math.max(0, rounds - 1);
  if (rounds === 0) return since;
  return clampDate(toWeekday(addDays(addMonths(since, 6 * rounds), -backDays)), since, today);
}

/** Whole VND: a tenth are not money; credit cases run to billions, some beyond 2^31. */
function drawAmount(random: Random, credit: boolean): number {
  const u = random.next();
  const v = random.next();
  let amount: number;
  if (credit) amount = v < 0.08 ? 5.2e9 + u * 2e10 : logUniform(3e8, 4e9, u);
  else if (v < 0.11) return 0;
  else amount = logUniform(5e6, 2e9, u ** 3.5);
  return Math.round(amount / 1000) * 1000;
}

function logUniform(low: number, high: number, u: number): number {
  return Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
}
