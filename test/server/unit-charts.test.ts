import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/demo/index.ts';
import { noCache } from '../../db/result-cache.ts';
import { createApp } from '../../server/app.ts';
import { adminHeaders, createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(drivers)('chart routes of the admin API on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
  }, 120_000);
  afterAll(() => handle.close());

  it.each(['rates', 'monthly'])('serves %s.png as image/png, in either language', async (chart) => {
    const app = createApp(createTestDeps(handle).deps);
    const pngs: Buffer[] = [];
    for (const query of ['?at=2026-11-23', '?at=2026-11-23&lang=en', '']) {
      const res = await app.request(`/api/units/BH/charts/${chart}.png${query}`, { headers: adminHeaders() });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await res.arrayBuffer());
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 720]);
      pngs.push(png);
    }
    // English words draw other pixels; no `at` is today (the test clock's 23/11/2026), no lang the default (vi).
    expect(pngs[1]!.equals(pngs[0]!)).toBe(false);
    expect(pngs[2]!.equals(pngs[0]!)).toBe(true);
  });

  it('answers a bad unit, date or language with the summary route’s JSON errors, and needs the token', async () => {
    const app = createApp(createTestDeps(handle).deps);
    for (const chart of ['rates', 'monthly']) {
      for (const [path, status] of [
        ['NOPE/charts/CHART.png?at=2026-11-23', 404],
        ['BH/charts/CHART.png?at=2026-02-30', 400],
        ['BH/charts/CHART.png?at=2026-11-23&lang=fr', 400],
      ] as const) {
        const url = `/api/units/${path.replace('CHART', chart)}`;
        const res = await app.request(url, { headers: adminHeaders({ 'Accept-Language': 'en' }) });
        expect(res.status, url).toBe(status);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await res.json()) as { error: string; message: string };
        if (path.startsWith('NOPE')) {
          const summary = await app.request('/api/units/NOPE/summary?at=2026-11-23', { headers: adminHeaders({ 'Accept-Language': 'en' }) });
          expect(body).toEqual(await summary.json());
        } else {
          expect(body.error).toBe(path.includes('lang') ? 'invalid_lang' : 'invalid_date');
        }
      }
      expect((await app.request(`/api/units/BH/charts/${chart}.png`)).status).toBe(401);
    }
  });
});
