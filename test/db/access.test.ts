import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canRank,
  canReadCase,
  canReadUnit,
  canSeeOverdue,
  canSetDeadline,
  canUpdateCase,
  isLeader,
  isProvinceLeader,
  isUnitLeader,
} from '../../db/access.ts';
import { getPersonByCode, type Person } from '../../db/identity.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit } from '../helpers/fixtures.ts';

// Province P with local units A and B; province Q with local unit X.
const people = ['leader', 'unitLeader', 'officer', 'clerk', 'inspector'] as const;
type Who = (typeof people)[number];
const staffCode: Record<Who, string> = {
  leader: 'P-HEAD', // province_head at P
  unitLeader: 'A-HEAD', // unit_head of A
  officer: 'A-CHV1', // officer of A, holds case A-OWN
  clerk: 'A-TK', // clerk of A
  inspector: 'P-TTV', // inspector at the province-level unit P
};

// Each cell: [leader, unitLeader, officer, clerk, inspector].
type Row = [boolean, boolean, boolean, boolean, boolean];
const readUnit: Record<string, Row> = {
  P: [true, false, false, false, true],
  A: [true, true, true, true, false],
  B: [true, false, false, false, false],
  X: [false, false, false, false, false],
};
// Cases: A-OWN (A, officer A-CHV1), A-COL (A, colleague A-CHV2), B-1 (B), X-1 (X), P-1 (held by P itself).
const readCase: Record<string, Row> = {
  'A-OWN': [true, true, true, false, false],
  'A-COL': [true, true, false, false, false],
  'B-1': [true, false, false, false, false],
  'X-1': [false, false, false, false, false],
  'P-1': [true, false, false, false, false],
};
const updateCase: Record<string, Row> = {
  'A-OWN': [false, true, true, false, false],
  'A-COL': [false, true, false, false, false],
  'B-1': [false, false, false, false, false],
  'X-1': [false, false, false, false, false],
  'P-1': [true, false, false, false, false],
};
const setDeadline: Record<string, Row> = {
  'A-OWN': [true, true, false, false, false],
  'A-COL': [true, true, false, false, false],
  'B-1': [true, false, false, false, false],
  'X-1': [false, false, false, false, false],
  'P-1': [true, false, false, false, false],
};
type Scope = 'all' | 'own' | false;
const overdue: Record<string, [Scope, Scope, Scope, Scope, Scope]> = {
  P: ['all', false, false, false, false],
  A: ['all', 'all', 'own', false, false],
  B: ['all', false, false, false, false],
  X: [false, false, false, false, false],
};
const leaders: Record<Who, [province: boolean, unit: boolean]> = {
  leader: [true, false],
  unitLeader: [false, true],
  officer: [false, false],
  clerk: [false, false],
  inspector: [false, false],
};

/** Every (row, person) pair of a table, for it.each. */
function cells<T>(table: Record<string, T[]>): [string, Who, T][] {
  return Object.entries(table).flatMap(([key, row]) => people.map((who, i) => [key, who, row[i]!] as [string, Who, T]));
}

describe.each(drivers)('access rules on %s', (driver) => {
  let handle: TestDb;
  const unit = {} as Record<'P' | 'A' | 'B' | 'Q' | 'X', number>;
  const cases: Record<string, { unitId: number; officerId: number | null }> = {};
  const person = {} as Record<Who, Person>;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    const db = handle.db;
    unit.P = await addUnit(db, 'P', 'province');
    unit.A = await addUnit(db, 'A', 'local', 'P');
    unit.B = await addUnit(db, 'B', 'local', 'P');
    unit.Q = await addUnit(db, 'Q', 'province');
    unit.X = await addUnit(db, 'X', 'local', 'Q');
    await addStaff(db, 'P-HEAD', unit.P, 'province_head');
    await addStaff(db, 'A-HEAD', unit.A, 'unit_head');
    const chv1 = await addStaff(db, 'A-CHV1', unit.A, 'officer');
    const chv2 = await addStaff(db, 'A-CHV2', unit.A, 'officer');
    await addStaff(db, 'A-TK', unit.A, 'clerk');
    await addStaff(db, 'P-TTV', unit.P, 'inspector');
    const chvB = await addStaff(db, 'B-CHV', unit.B, 'officer');
    const chvX = await addStaff(db, 'X-CHV', unit.X, 'officer');
    const chvP = await addStaff(db, 'P-CHV', unit.P, 'officer');
    Object.assign(cases, {
      'A-OWN': { unitId: unit.A, officerId: chv1 },
      'A-COL': { unitId: unit.A, officerId: chv2 },
      'B-1': { unitId: unit.B, officerId: chvB },
      'X-1': { unitId: unit.X, officerId: chvX },
      'P-1': { unitId: unit.P, officerId: chvP },
    });
    for (const who of people) person[who] = (await getPersonByCode(db, staffCode[who]))!;
  });
  afterAll(() => handle.close());

  it('sees the province-level unit at the top of each person', () => {
    for (const who of people) expect(person[who].provinceId).toBe(unit.P);
  });

  it.each(people)('leadership of %s', (who) => {
    const [province, unitLevel] = leaders[who];
    expect([isProvinceLeader(person[who]), isUnitLeader(person[who]), isLeader(person[who])]).toEqual([
      province,
      unitLevel,
      province || unitLevel,
    ]);
    expect(canRank(person[who])).toBe(province || unitLevel);
  });

  it.each(cells(readUnit))('canReadUnit %s by %s → %s', async (code, who, expected) => {
    expect(await canReadUnit(handle.db, person[who], unit[code as keyof typeof unit])).toBe(expected);
  });

  it.each(cells(readCase))('canReadCase %s by %s → %s', async (code, who, expected) => {
    expect(await canReadCase(handle.db, person[who], cases[code]!)).toBe(expected);
  });

  it.each(cells(updateCase))('canUpdateCase %s by %s → %s', (code, who, expected) => {
    expect(canUpdateCase(person[who], cases[code]!)).toBe(expected);
  });

  it.each(cells(setDeadline))('canSetDeadline %s by %s → %s', async (code, who, expected) => {
    expect(await canSetDeadline(handle.db, person[who], cases[code]!)).toBe(expected);
  });

  it.each(cells(overdue))('canSeeOverdue %s by %s → %s', async (code, who, expected) => {
    expect(await canSeeOverdue(handle.db, person[who], unit[code as keyof typeof unit])).toBe(expected);
  });

  it('denies an officer moved to another unit the cases still assigned to them', () => {
    const moved = { ...person.officer, unitId: unit.B };
    expect(canUpdateCase(moved, cases['A-OWN']!)).toBe(false);
  });
});
