import type { CaseStatus } from '../schema.ts';
import { addDays, addMonths, type IsoDate } from '../work-year.ts';
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
  const credit = random.chance(0.1);
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
  else if (kind < 0.23) [status, delay] = ['no_conditions', random.int(25, 150)];
  else {
    // Big money drags on: it is what keeps the rate by money well below the rate by cases.
    const size = amount > 2e9 ? 0.5 : amount > 5e8 ? 0.25 : 0;
    const hard = (credit ? 0.3 : 0) + (complex ? 0.3 : 0) + size;
    const slowChance = Math.min(0.95, 0.01 + 0.25 * weakness + hard * (0.5 + weakness));
    delay = random.chance(slowChance)
      ? Math.round(90 + random.exponential((300 + 400 * weakness) * (amount > 2e9 ? 2 : 1)))
      : Math.round(5 + random.exponential(8 + 60 * weakness));
    const end = random.next();
    const terminated = credit ? 0.03 : 0.07;
    const held = 0.005 + 0.04 * weakness;
    if (end < terminated) status = 'terminated';
    else if (end < terminated + held) status = 'postponed';
    else if (end < terminated + 1.5 * held) status = 'suspended';
    else status = 'completed';
  }

  // Verification and deadline are drawn for every case so each case uses a fixed count of draws.
  const verifyOn = toWeekday(addDays(accepted, random.int(12, 24)));
  const verificationLapses = random.chance(0.06 + 0.3 * weakness);
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
  if (credit) amount = v < 0.06 ? 5.2e9 + u * 2e10 : logUniform(3e8, 4e9, u);
  else if (v < 0.11) return 0;
  else amount = logUniform(5e6, 2e9, u ** 2.2);
  return Math.round(amount / 1000) * 1000;
}

function logUniform(low: number, high: number, u: number): number {
  return Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
}
