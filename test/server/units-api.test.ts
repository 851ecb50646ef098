import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, staff, units } from '../../db/schema.ts';
import { createApp } from '../../server/app.ts';
import { adminHeaders, createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

const bookKeys = [
  'carried_over', 'new', 'total', 'entrusted', 'withdrawn', 'to_enforce', 'with_conditions', 'without_conditions',
  'completed', 'terminated', 'done', 'enforcing', 'postponed', 'suspended', 'carried_to_next', 'carried_with_conditions', 'rate',
];

/** A province with one local unit, one officer and two cases: enough for every route to answer. */
async function insertSmallProvince(handle: TestDb): Promise<void> {
  const [province] = await handle.db.insert(units).values({ code: 'TT', name: 'Cục THADS tỉnh Thử', kind: 'province' }).returning();
  const [local] = await handle.db
    .insert(units)
    .values({ code: 'TT-A', name: 'Phòng THADS khu vực A', kind: 'local', parentId: province!.id })
    .returning();
  const [officer] = await handle.db
    .insert(staff)
    .values({ code: 'TT-A-01', fullName: 'Nguyễn Văn An', unitId: local!.id, role: 'officer' })
    .returning();
  const base = { unitId: local!.id, officerId: officer!.id, decisionDate: '2026-10-01' };
  await handle.db.insert(cases).values([
    { ...base, code: 'C1', decisionNo: '1/QĐ', acceptedDate: '2026-10-05', amount: 5_000_000_000, status: 'enforcing', statusDate: '2026-10-05' },
    { ...base, code: 'C2', decisionNo: '2/QĐ', acceptedDate: '2026-10-06', amount: 10_000_000, status: 'completed', statusDate: '2026-11-02' },
  ]);
}

describe.each(drivers)('/api/units on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await insertSmallProvince(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('returns the summary JSON of the contract', async () => {
    const { deps } = createTestDeps(handle);
    const res = await createApp(deps).request('/api/units/TT/summary?at=2026-11-23', { headers: adminHeaders() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ unit: 'TT', name: 'Cục THADS tỉnh Thử', work_year: 2027, from: '2026-10-01', at: '2026-11-23' });
    for (const key of ['targets', 'same_period_last_year', 'carried_cut', 'targets_met', 'credit', 'flags', 'overdue']) expect(body).toHaveProperty(key);
    expect(Object.keys(body.cases as object)).toEqual(expect.arrayContaining(bookKeys));
    expect(Object.keys(body.money as object)).toEqual(expect.arrayContaining(bookKeys));
  });

  it('takes today in TZ_APP when no date is given', async () => {
    // 18:30 UTC on the 22nd is already 01:30 on the 23rd in Ha Noi.
    const { deps } = createTestDeps(handle, {}, () => new Date('2026-11-22T18:30:00Z'));
    const res = await createApp(deps).request('/api/units/TT/summary', { headers: adminHeaders() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { at: string }).at).toBe('2026-11-23');
  });

  it('answers ranking and overdue for the same unit and date', async () => {
    const { deps } = createTestDeps(handle);
    const app = createApp(deps);
    const ranking = await app.request('/api/units/TT/ranking?at=2026-11-23', { headers: adminHeaders() });
    expect(ranking.status).toBe(200);
    expect(await ranking.json()).toMatchObject({ unit: 'TT', at: '2026-11-23', by: 'units', rows: expect.any(Array) });
    const overdue = await app.request('/api/units/TT-A/overdue?at=2026-11-23&limit=5', { headers: adminHeaders() });
    expect(overdue.status).toBe(200);
    expect(await overdue.json()).toMatchObject({ unit: 'TT-A', at: '2026-11-23', cases: expect.any(Array) });
  });

  it('answers an unknown unit with 404 in the asked language', async () => {
    const { deps } = createTestDeps(handle);
    const app = createApp(deps);
    const en = await app.request('/api/units/NOPE/summary', { headers: adminHeaders({ 'Accept-Language': 'en' }) });
    expect(en.status).toBe(404);
    expect(await en.json()).toEqual({ error: 'unit_not_found', message: 'No unit "NOPE" was found.' });
    const vi = await app.request('/api/units/NOPE/ranking', { headers: adminHeaders() });
    expect(vi.status).toBe(404);
    expect(await vi.json()).toEqual({ error: 'unit_not_found', message: 'Không tìm thấy đơn vị "NOPE".' });
  });

  it('answers a bad date or limit with 400', async () => {
    const { deps } = createTestDeps(handle);
    const app = createApp(deps);
    for (const at of ['2026-02-30', '23/11/2026', 'yesterday']) {
      const res = await app.request(`/api/units/TT/summary?at=${encodeURIComponent(at)}`, { headers: adminHeaders() });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_date', message: expect.stringContaining(at) });
    }
    const res = await app.request('/api/units/TT/overdue?limit=-1', { headers: adminHeaders() });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_limit' });
  });
});
