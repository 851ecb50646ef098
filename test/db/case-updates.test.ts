import { readdirSync, readFileSync } from 'node:fs';
import { asc, count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasMessage } from '../../bot/i18n/index.ts';
import { enCase } from '../../bot/i18n/en/case.ts';
import { viCase } from '../../bot/i18n/vi/case.ts';
import {
  type Actor,
  addNote,
  changeStatus,
  completeCase,
  getCaseState,
  recordCollection,
  recordVerification,
  setDeadline,
} from '../../db/case-updates/index.ts';
import type { Db } from '../../db/client.ts';
import { UserError } from '../../db/errors.ts';
import { noCache } from '../../db/result-cache.ts';
import { addDays, addMonths } from '../../db/work-year.ts';
import { auditLog, caseStatuses, caseStatusHistory, cases, collections, notes, verifications } from '../../db/schema.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase, addStaff, addUnit } from '../helpers/fixtures.ts';

// No cache here: what the writers announce is tested in result-cache.test.ts.
const clock = { now: new Date('2026-03-10T03:00:00Z'), today: '2026-03-10', changes: noCache };
const BIG = 5_000_000_000; // above 2^31: money columns are bigint end to end

/** Everything a refused report could have touched, to compare before and after. */
async function snapshot(db: Db, code: string) {
  const tally = async (table: typeof collections | typeof caseStatusHistory | typeof verifications | typeof notes | typeof auditLog) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    row: await db.select().from(cases).where(eq(cases.code, code)),
    collections: await tally(collections),
    history: await tally(caseStatusHistory),
    verifications: await tally(verifications),
    notes: await tally(notes),
    audit: await tally(auditLog),
  };
}

async function lastAudit(db: Db, code: string) {
  const [row] = await db.select().from(auditLog).where(eq(auditLog.entityCode, code)).orderBy(desc(auditLog.id)).limit(1);
  return row!;
}

describe.each(drivers)('case updates on %s', (driver) => {
  let handle: TestDb;
  let db: Db;
  let unitId: number;
  let officer: Actor;
  let leader: Actor;
  let n = 0;
  /** A fresh enforcing case per test, so tests do not depend on each other's writes. */
  const fresh = async (extra: Partial<Parameters<typeof addCase>[1]> = {}) => {
    const code = `C-${++n}`;
    await addCase(db, { code, unitId, officerId: officer.staffId, accepted: '2026-01-05', amount: 10_000_000, ...extra });
    return code;
  };
  /** Runs a report that must be refused with `code` and checks that nothing changed. */
  const refused = async (caseCode: string, run: () => Promise<unknown>, code: string, params?: Record<string, unknown>) => {
    const before = await snapshot(db, caseCode);
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code, ...(params ? { params: expect.objectContaining(params) } : {}) });
    expect(await snapshot(db, caseCode)).toEqual(before);
  };

  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    unitId = await addUnit(db, 'L1', 'local');
    officer = { staffId: await addStaff(db, 'L1-CHV01', unitId), label: 'L1-CHV01', channel: 'telegram', isLeader: false };
    leader = { staffId: await addStaff(db, 'L1-CT', unitId, 'unit_head'), label: 'L1-CT', channel: 'console', isLeader: true };
  });
  afterAll(() => handle.close());

  it('reads a case by its code, typed in any case', async () => {
    const code = await fresh({ amount: BIG, collections: [['2026-02-01', 1_000_000_000]] });
    const state = await getCaseState(db, code.toLowerCase());
    expect(state).toEqual({
      code,
      unitId,
      officerId: officer.staffId,
      amount: BIG,
      collected: 1_000_000_000,
      remaining: 4_000_000_000,
      status: 'enforcing',
      statusDate: '2026-01-05',
      verifiedOn: null,
      dueDate: null,
    });
    await expect(getCaseState(db, 'NOPE')).rejects.toMatchObject({ code: 'case_not_found', params: { case: 'NOPE' } });
  });

  it('records a collection above 2^31 in the case unit, with its audit row, and does not complete the case', async () => {
    const code = await fresh({ amount: BIG, collections: [['2026-02-01', 1_000_000_000]] });
    const first = await recordCollection(db, code, { amount: 3_000_000_000, on: '2026-03-09' }, officer, clock);
    expect(first.before.remaining).toBe(4_000_000_000);
    expect(first.after).toMatchObject({ collected: 4_000_000_000, remaining: 1_000_000_000 });
    const [money] = await db.select().from(collections).where(eq(collections.amount, 3_000_000_000));
    expect(money).toMatchObject({ unitId, collectedOn: '2026-03-09', source: 'telegram', staffId: officer.staffId });
    const audit = await lastAudit(db, code);
    expect(audit).toMatchObject({ staffId: officer.staffId, actor: 'L1-CHV01', channel: 'telegram', action: 'case.collect', entity: 'case' });
    expect(audit.details).toMatchObject({ amount: 3_000_000_000, before: { collected: 1_000_000_000 }, after: { remaining: 1_000_000_000 } });
    const last = await recordCollection(db, code, { amount: 1_000_000_000, on: clock.today }, officer, clock);
    expect(last.after).toMatchObject({ remaining: 0, status: 'enforcing' });
  });

  it('takes money on postponed and without-conditions cases', async () => {
    for (const status of ['postponed', 'no_conditions'] as const) {
      const code = await fresh({ history: [[status, '2026-02-01']] });
      const { after } = await recordCollection(db, code, { amount: 500_000, on: '2026-03-01' }, officer, clock);
      expect(after).toMatchObject({ status, collected: 500_000 });
    }
  });

  it('refuses a bad collection and changes nothing', async () => {
    const code = await fresh({ collections: [['2026-02-01', 4_000_000]] });
    const collect = (amount: number, on = '2026-03-01', c = code) => () => recordCollection(db, c, { amount, on }, officer, clock);
    await refused(code, collect(6_000_001), 'case.amount_above_remaining', { remaining: 6_000_000 });
    for (const bad of [0, -5, 1.5, Number.NaN]) await refused(code, collect(bad), 'case.amount_not_positive');
    await refused(code, collect(1, '2026-03-11'), 'case.date_in_future');
    await refused(code, collect(1, '2026-01-04'), 'case.date_before_accepted', { accepted: '2026-01-05' });
    await refused(code, collect(1, '2026-02-30'), 'case.bad_date');
    await refused(code, collect(1, '2026-03-01', 'NOPE'), 'case_not_found');
    const noMoney = await fresh({ amount: 0 });
    await refused(noMoney, collect(1, '2026-03-01', noMoney), 'case.no_money');
    const closed = await fresh({ history: [['terminated', '2026-02-01']] });
    await refused(closed, collect(1, '2026-03-01', closed), 'case.closed', { status: 'terminated' });
  });

  it('changes status with a history row, the mirror and an audit row', async () => {
    const code = await fresh();
    const { after } = await changeStatus(db, code, { status: 'postponed', on: '2026-03-02' }, officer, clock);
    expect(after).toMatchObject({ status: 'postponed', statusDate: '2026-03-02' });
    const [history] = await db.select().from(caseStatusHistory).orderBy(desc(caseStatusHistory.id)).limit(1);
    expect(history).toMatchObject({ status: 'postponed', effectiveDate: '2026-03-02', source: 'telegram', staffId: officer.staffId });
    expect(await lastAudit(db, code)).toMatchObject({ action: 'case.status', channel: 'telegram', details: { from: 'enforcing', to: 'postponed' } });
    // Resuming on the same day as the postponement is allowed: the history only may not go back.
    const resumed = await changeStatus(db, code, { status: 'enforcing', on: '2026-03-02' }, officer, clock);
    expect(resumed.after.status).toBe('enforcing');
  });

  it('refuses a status move the rules or the calendar do not allow, changing nothing', async () => {
    const code = await fresh({ history: [['suspended', '2026-02-10']] });
    const move = (status: (typeof caseStatuses)[number], on = '2026-03-01', who = officer, c = code) => () =>
      changeStatus(db, c, { status, on }, who, clock);
    await refused(code, move('suspended'), 'case.same_status');
    await refused(code, move('completed'), 'case.transition_not_allowed', { from: 'suspended', to: 'completed' });
    await refused(code, move('enforcing', '2026-02-09'), 'case.date_before_last_change', { last: '2026-02-10' });
    await refused(code, move('enforcing', '2026-03-11'), 'case.date_in_future');
    await refused(code, () => changeStatus(db, code, { status: 'paid' as never, on: '2026-03-01' }, officer, clock), 'case.unknown_status');
    const unpaid = await fresh({ collections: [['2026-02-01', 9_000_000]] });
    await refused(unpaid, move('completed', '2026-03-01', leader, unpaid), 'case.complete_unpaid', { remaining: 1_000_000 });
    await refused(unpaid, () => completeCase(db, unpaid, officer, clock), 'case.complete_unpaid', { remaining: 1_000_000 });
    const done = await fresh({ amount: 0, history: [['completed', '2026-02-01']] });
    await refused(done, move('enforcing', '2026-03-01', officer, done), 'case.transition_leader_only', { from: 'completed' });
    await refused(done, move('terminated', '2026-03-01', leader, done), 'case.transition_not_allowed');
  });

  it('lets a leader reopen a closed case, keeping history and mirror consistent', async () => {
    const code = await fresh({ amount: BIG, collections: [['2026-01-20', BIG]], history: [['completed', '2026-02-01']] });
    const { after } = await changeStatus(db, code, { status: 'enforcing', on: '2026-03-05' }, leader, clock);
    expect(after).toMatchObject({ status: 'enforcing', statusDate: '2026-03-05', remaining: 0 });
    const [row] = await db.select().from(cases).where(eq(cases.code, code));
    const history = await db
      .select({ status: caseStatusHistory.status, on: caseStatusHistory.effectiveDate, source: caseStatusHistory.source })
      .from(caseStatusHistory)
      .where(eq(caseStatusHistory.caseId, row!.id))
      .orderBy(asc(caseStatusHistory.effectiveDate), asc(caseStatusHistory.id));
    expect(history).toEqual([
      { status: 'completed', on: '2026-02-01', source: 'import' },
      { status: 'enforcing', on: '2026-03-05', source: 'console' },
    ]);
    expect(row).toMatchObject({ status: 'enforcing', statusDate: '2026-03-05', prevStatus: 'completed', prevStatusDate: '2026-02-01' });
    expect(await lastAudit(db, code)).toMatchObject({ staffId: leader.staffId, channel: 'console', action: 'case.status' });
    const again = await completeCase(db, code, officer, clock);
    expect(again.after).toMatchObject({ status: 'completed', statusDate: clock.today });
    expect(await lastAudit(db, code)).toMatchObject({ action: 'case.complete', staffId: officer.staffId });
  });

  it('records verifications, keeping the latest date on the case', async () => {
    const code = await fresh({ verifiedOn: '2026-02-15' });
    const earlier = await recordVerification(db, code, { on: '2026-02-01', note: ' Không có tài sản ' }, officer, clock);
    expect(earlier.after.verifiedOn).toBe('2026-02-15');
    const later = await recordVerification(db, code, { on: '2026-03-03' }, officer, clock);
    expect(later.after.verifiedOn).toBe('2026-03-03');
    const rows = await db.select().from(verifications).orderBy(desc(verifications.id)).limit(2);
    expect(rows.map((v) => [v.verifiedOn, v.note, v.source])).toEqual([
      ['2026-03-03', null, 'telegram'],
      ['2026-02-01', 'Không có tài sản', 'telegram'],
    ]);
    expect(await lastAudit(db, code)).toMatchObject({ action: 'case.verify', staffId: officer.staffId });
    await refused(code, () => recordVerification(db, code, { on: '2026-03-11' }, officer, clock), 'case.date_in_future');
    await refused(code, () => recordVerification(db, code, { on: '2025-12-31' }, officer, clock), 'case.date_before_accepted');
    const closed = await fresh({ history: [['withdrawn', '2026-02-01']] });
    await refused(closed, () => recordVerification(db, closed, { on: '2026-03-01' }, officer, clock), 'case.closed');
  });

  it('stores a note as typed, HTML included, and refuses empty or overlong ones', async () => {
    const code = await fresh({ history: [['completed', '2026-02-01']], amount: 0 });
    const text = '<b>Đương sự</b> hẹn nộp & ký biên bản';
    const { before, after } = await addNote(db, code, { text: `  ${text}\n` }, officer, clock);
    expect(after).toEqual(before);
    const [note] = await db.select().from(notes).orderBy(desc(notes.id)).limit(1);
    expect(note).toMatchObject({ body: text, source: 'telegram', staffId: officer.staffId });
    expect(await lastAudit(db, code)).toMatchObject({ action: 'case.note', details: { note_id: note!.id } });
    await refused(code, () => addNote(db, code, { text: ' \n ' }, officer, clock), 'case.note_empty');
    await refused(code, () => addNote(db, code, { text: 'x'.repeat(10_000) }, officer, clock), 'case.note_too_long', { max: 2000 });
    await addNote(db, code, { text: 'ệ'.repeat(2000) }, officer, clock);
  });

  it('sets a deadline from today on, on open cases only', async () => {
    const code = await fresh();
    const { after } = await setDeadline(db, code, { due: clock.today }, leader, clock);
    expect(after.dueDate).toBe(clock.today);
    expect(await lastAudit(db, code)).toMatchObject({ action: 'case.deadline', channel: 'console', details: { due: clock.today } });
    await refused(code, () => setDeadline(db, code, { due: '2026-03-09' }, leader, clock), 'case.deadline_in_past');
    await refused(code, () => setDeadline(db, code, { due: '9999-12-31' }, leader, clock), 'case.deadline_too_far');
    const latest = addMonths(clock.today, 12 * 5);
    expect((await setDeadline(db, code, { due: latest }, leader, clock)).after.dueDate).toBe(latest);
    await refused(code, () => setDeadline(db, code, { due: addDays(latest, 1) }, leader, clock), 'case.deadline_too_far', { latest });
    const closed = await fresh({ history: [['entrusted', '2026-02-01']] });
    await refused(closed, () => setDeadline(db, closed, { due: '2026-04-01' }, leader, clock), 'case.closed');
  });

  it('lets only one of two concurrent collections through when together they exceed what is owed', async () => {
    const code = await fresh({ amount: 3_000_000_000 });
    const pay = () => recordCollection(db, code, { amount: 2_000_000_000, on: clock.today }, officer, clock);
    const results = await Promise.allSettled([pay(), pay()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [failure] = results.filter((r) => r.status === 'rejected');
    expect(failure?.reason).toMatchObject({ code: 'case.amount_above_remaining', params: { remaining: 1_000_000_000 } });
    expect(await getCaseState(db, code)).toMatchObject({ collected: 2_000_000_000, remaining: 1_000_000_000 });
  });
});

describe('case update messages', () => {
  const dir = new URL('../../db/case-updates/', import.meta.url);
  const used = new Set(
    readdirSync(dir).flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/UserError\('([a-z_.]+)'/g)].map((m) => m[1]!)),
  );

  it('has a Vietnamese and an English message for every code, and a label for every status', () => {
    expect(used.size).toBeGreaterThan(15);
    for (const code of used) expect([code, hasMessage('vi', code), hasMessage('en', code)]).toEqual([code, true, true]);
    for (const status of caseStatuses) expect(viCase[`case.status.${status}`] && enCase[`case.status.${status}`]).toBeTruthy();
    expect(Object.keys(enCase).sort()).toEqual(Object.keys(viCase).sort());
  });
});
