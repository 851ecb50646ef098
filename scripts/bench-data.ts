/** Deterministic synthetic province for the benchmarks: CSV text for each kind the import takes. */
import { addDays, type IsoDate } from '../db/work-year.ts';

export interface BenchShape {
  units: number;
  officersPerUnit: number;
  cases: number;
  today: IsoDate;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ['enforcing', 'completed', 'completed', 'completed', 'terminated', 'no_conditions', 'postponed', 'suspended', 'entrusted', 'withdrawn'];

export function makeBenchCsv(shape: BenchShape): Record<'units' | 'staff' | 'cases' | 'collections', string> {
  const random = prng(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const unitCodes = Array.from({ length: shape.units }, (_, i) => `BN-${String(i + 1).padStart(3, '0')}`);
  const units = ['code,name,kind,parent_code,telegram_chat_id,slack_channel_id', 'BN,THADS tỉnh Bách Niên,province,,,'];
  const staff = ['code,full_name,unit_code,role,telegram_user_id,slack_user_id,oversees'];
  for (const code of unitCodes) {
    units.push(`${code},Phòng THADS khu vực ${code},local,BN,,`);
    for (let o = 1; o <= shape.officersPerUnit; o++) staff.push(`${code}-CHV${o},Chấp hành viên ${code} ${o},${code},officer,,,`);
  }
  const cases = ['code,unit_code,officer_code,decision_no,decision_date,accepted_date,amount,status,status_date,verified_on,due_date,flags'];
  const collections = ['case_code,date,amount'];
  const span = 3 * 365;
  for (let i = 0; i < shape.cases; i++) {
    const unit = unitCodes[i % unitCodes.length]!;
    const code = `BN-${String(i + 1).padStart(7, '0')}`;
    const accepted = addDays(shape.today, -Math.floor(random() * span) - 1);
    const age = -Math.round((Date.parse(accepted) - Date.parse(shape.today)) / 86_400_000);
    const status = pick(STATUSES);
    const statusDate = status === 'enforcing' ? accepted : addDays(accepted, Math.floor(random() * age));
    const amount = random() < 0.1 ? 0 : Math.floor(random() * 2_000) * 1_000_000 + 500_000;
    const verified = random() < 0.8 ? addDays(accepted, Math.min(age, 20)) : '';
    cases.push(`${code},${unit},${unit}-CHV${(i % shape.officersPerUnit) + 1},${i + 1}/QĐ-THADS,${accepted},${accepted},${amount},${status},${statusDate},${verified},,`);
    // About 1.1 collections per money case: as many collections as cases in all.
    for (let k = amount > 0 ? (random() < 0.11 ? 2 : 1) : 0; k > 0; k--) {
      collections.push(`${code},${addDays(accepted, Math.floor(random() * age))},${Math.ceil(amount * random() * 0.45)}`);
    }
  }
  return { units: units.join('\n'), staff: staff.join('\n'), cases: cases.join('\n'), collections: collections.join('\n') };
}
