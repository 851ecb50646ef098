import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canFollowUpFinding, canReadFinding, canReportRemedy, type FindingAccessRow } from '../../db/access.ts';
import { closeFinding, getFinding, listFindings, reportRemedy } from '../../db/findings.ts';
import { getPersonByCode, type Person } from '../../db/identity.ts';
import type { Scope } from '../../db/result-cache.ts';
import { findings, inspections } from '../../db/schema.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit } from '../helpers/fixtures.ts';

// Province P with local units A and B; province Q with local unit X (as test/db/access.test.ts).
const people = ['leader', 'unitLeader', 'officer', 'clerk', 'inspector'] as const;
type Who = (typeof people)[number];
const staffCode: Record<Who, string> = {
  leader: 'P-HEAD', // province_head at P
  unitLeader: 'A-HEAD', // unit_head of A
  officer: 'A-CHV1', // officer of A, responsible for A-OWN and (from when they worked at B) B-MOVED
  clerk: 'A-TK', // clerk of A
  inspector: 'P-TTV', // inspector at P, responsible for P-1 (the province unit's self-inspection)
};
type Row = [boolean, boolean, boolean, boolean, boolean];
// Findings: A-OWN (A, A-CHV1), A-COL (A, A-CHV2), B-1 (B), X-1 (X), P-1 (P, P-TTV), B-MOVED (B, A-CHV1).
const read: Record<string, Row> = {
  'A-OWN': [true, true, true, true, false],
  'A-COL': [true, true, true, true, false],
  'B-1': [true, false, false, false, false],
  'X-1': [false, false, false, false, false],
  'P-1': [true, false, false, false, true],
  'B-MOVED': [true, false, true, false, false],
};
const report: Record<string, Row> = {
  'A-OWN': [false, true, true, false, false],
  'A-COL': [false, true, false, false, false],
  'B-1': [false, false, false, false, false],
  'X-1': [false, false, false, false, false],
  'P-1': [true, false, false, false, true],
  'B-MOVED': [false, false, true, false, false],
};
const followUp: Record<string, Row> = {
  'A-OWN': [true, false, false, false, false],
  'A-COL': [true, false, false, false, false],
  'B-1': [true, false, false, false, false],
  'X-1': [false, false, false, false, false],
  'P-1': [true, false, false, false, false],
  'B-MOVED': [true, false, false, false, false],
};

function cells(table: Record<string, Row>): [string, Who, boolean][] {
  return Object.entries(table).flatMap(([key, row]) => people.map((who, i) => [key, who, row[i]!] as [string, Who, boolean]));
}

describe.each(drivers)('findings: who may do what, and the list (%s)', (driver) => {
  let handle: TestDb;
  const unit = {} as Record<'P' | 'A' | 'B' | 'Q' | 'X', number>;
  const rows: Record<string, FindingAccessRow> = {};
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
    const ttv = await addStaff(db, 'P-TTV', unit.P, 'inspector');
    Object.assign(rows, {
      'A-OWN': { unitId: unit.A, responsibleId: chv1 },
      'A-COL': { unitId: unit.A, responsibleId: chv2 },
      'B-1': { unitId: unit.B, responsibleId: null },
      'X-1': { unitId: unit.X, responsibleId: null },
      'P-1': { unitId: unit.P, responsibleId: ttv },
      'B-MOVED': { unitId: unit.B, responsibleId: chv1 },
    });
    for (const who of people) person[who] = (await getPersonByCode(db, staffCode[who]))!;

    // Unit A's inspection: findings in every state, to list on 23/11/2026.
    const [kt] = await db.insert(inspections).values({ code: 'A-KT', unitId: unit.A, kind: 'thematic', concludedOn: '2026-09-01', title: 'Kiểm tra chuyên đề' }).returning();
    const finding = (code: string, dueDate: string, status: 'open' | 'reported' | 'closed') =>
      ({ code, inspectionId: kt!.id, description: `Thiếu sót ${code}`, remedy: 'Khắc phục', responsibleId: chv1, dueDate, status }) as const;
    await db.insert(findings).values([
      finding('A-KT-FUTURE', '2026-12-01', 'open'),
      finding('A-KT-LATE3', '2026-11-20', 'open'),
      finding('A-KT-REPORTED', '2026-11-01', 'reported'),
      finding('A-KT-LATE10', '2026-11-13', 'open'),
      finding('A-KT-CLOSED', '2026-10-01', 'closed'),
    ]);
  });
  afterAll(() => handle.close());

  it.each(cells(read))('canReadFinding %s by %s → %s', async (code, who, expected) => {
    expect(await canReadFinding(handle.db, person[who], rows[code]!)).toBe(expected);
  });
  it.each(cells(report))('canReportRemedy %s by %s → %s', (code, who, expected) => {
    expect(canReportRemedy(person[who], rows[code]!)).toBe(expected);
  });
  it.each(cells(followUp))('canFollowUpFinding %s by %s → %s', async (code, who, expected) => {
    expect(await canFollowUpFinding(handle.db, person[who], rows[code]!)).toBe(expected);
  });

  it('lists open and reported findings, the overdue first (most overdue first), then by deadline; a reported one is not overdue', async () => {
    const listed = await listFindings(handle.db, [unit.A], '2026-11-23');
    expect(listed.map((f) => [f.code, f.daysOverdue])).toEqual([
      ['A-KT-LATE10', 10],
      ['A-KT-LATE3', 3],
      ['A-KT-REPORTED', 0],
      ['A-KT-FUTURE', 0],
    ]);
    expect(listed[0]).toMatchObject({ inspectionCode: 'A-KT', unitCode: 'A', responsibleCode: 'A-CHV1', dueDate: '2026-11-13' });
    expect(await listFindings(handle.db, [unit.B], '2026-11-23')).toEqual([]);
  });

  it('writes a step with its event and audit row, and tells the cache the figures changed', async () => {
    const heard: Scope[] = [];
    const ctx = { now: new Date('2026-11-23T02:00:00Z'), today: '2026-11-23', changes: { changed: (...s: Scope[]) => void heard.push(...s) } };
    const change = await reportRemedy(handle.db, 'a-kt-late3', { note: '  Đã khắc phục xong.\nKèm báo cáo.  ' }, { person: person.officer, channel: 'console' }, ctx);
    expect(change).toEqual({ code: 'A-KT-LATE3', from: 'open', to: 'reported', note: 'Đã khắc phục xong.\nKèm báo cáo.' });
    expect(heard).toEqual(['figures']);
    await closeFinding(handle.db, 'A-KT-LATE3', {}, { person: person.leader, channel: 'slack' }, ctx);
    const after = (await getFinding(handle.db, 'A-KT-LATE3', '2026-11-23'))!;
    expect(after).toMatchObject({ status: 'closed', reportedNote: 'Đã khắc phục xong.\nKèm báo cáo.' });
    expect(after.events.map((e) => [e.kind, e.staffCode, e.channel, e.note])).toEqual([
      ['reported', 'A-CHV1', 'console', 'Đã khắc phục xong.\nKèm báo cáo.'],
      ['closed', 'P-HEAD', 'slack', null],
    ]);
    expect(heard).toEqual(['figures', 'figures']);
  });
});
