import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, units } from '../../db/schema.ts';
import { createApp } from '../../server/app.ts';
import { adminHeaders, createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

const header = 'code,name,kind,parent_code,telegram_chat_id,slack_channel_id';
const goodCsv = `${header}\nTT,Cục THADS tỉnh Thử,province,,,\nTT-A,Phòng THADS khu vực A,local,TT,,\n`;
const csvHeaders = adminHeaders({ 'Content-Type': 'text/csv; charset=utf-8' });

describe.each(drivers)('POST /api/import on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
  });
  afterAll(async () => {
    await handle.close();
  });

  const unitCodes = async (codes: string[]) =>
    (await handle.db.select({ code: units.code }).from(units).where(inArray(units.code, codes))).map((u) => u.code).sort();

  it('imports a good file and says what it did', async () => {
    const { deps } = createTestDeps(handle);
    const res = await createApp(deps).request('/api/import/units', { method: 'POST', headers: csvHeaders, body: goodCsv });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ kind: 'units', rows: 2, inserted: 2, updated: 0, dry_run: false });
    expect(await unitCodes(['TT', 'TT-A'])).toEqual(['TT', 'TT-A']);
    const audit = await handle.db.select().from(auditLog).where(inArray(auditLog.entity, ['units']));
    expect(audit.at(-1)).toMatchObject({ channel: 'api', action: 'import' });
  });

  it('checks, counts what it would write, and writes nothing on a dry run', async () => {
    const { deps } = createTestDeps(handle);
    const body = `${header}\nTT-B,Phòng THADS khu vực B,local,TT,,\n`;
    const res = await createApp(deps).request('/api/import/units?dry_run=1', { method: 'POST', headers: csvHeaders, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ kind: 'units', rows: 1, inserted: 1, updated: 0, dry_run: true });
    expect(await unitCodes(['TT-B'])).toEqual([]);
  });

  it('refuses a bad file with 422, line numbers and messages, and changes nothing', async () => {
    const { deps } = createTestDeps(handle);
    const app = createApp(deps);
    const body = `${header}\nTT-C,Phòng THADS khu vực C,local,TT,,\nTT-D,Phòng THADS khu vực D,bogus,TT,,\n`;
    const en = await app.request('/api/import/units', { method: 'POST', headers: { ...csvHeaders, 'Accept-Language': 'en' }, body });
    expect(en.status).toBe(422);
    const report = (await en.json()) as { error: string; issues: { line: number; column: string; code: string; message: string }[] };
    expect(report.error).toBe('invalid_csv');
    expect(report.issues).toEqual([
      { line: 3, column: 'kind', code: 'import.unknown_unit_kind', message: expect.stringMatching(/^Unknown unit kind "bogus"/) },
    ]);
    // Without Accept-Language the message is in DEFAULT_LOCALE, Vietnamese.
    const vi = await app.request('/api/import/units', { method: 'POST', headers: csvHeaders, body });
    expect(vi.status).toBe(422);
    const viReport = (await vi.json()) as typeof report;
    expect(viReport.issues).toEqual([{ ...report.issues[0], message: expect.stringMatching(/^Loại đơn vị "bogus"/) }]);
    expect(await unitCodes(['TT-C', 'TT-D'])).toEqual([]);
  });

  it('answers an unknown kind with 404 listing the kinds', async () => {
    const { deps } = createTestDeps(handle);
    const res = await createApp(deps).request('/api/import/people', { method: 'POST', headers: csvHeaders, body: goodCsv });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: string; kinds: string[]; message: string };
    expect(body.error).toBe('unknown_import_kind');
    expect(body.kinds).toEqual(expect.arrayContaining(['units', 'staff', 'cases', 'collections', 'targets', 'inspections', 'findings']));
  });

  it('refuses a body over the limit with 413, announced or streamed, and changes nothing', async () => {
    const { deps } = createTestDeps(handle);
    const app = createApp(deps, { maxImportBytes: 64 });
    const body = `${header}\nTT-E,Phòng THADS khu vực E,local,TT,,\n`;
    const announced = await app.request('/api/import/units', {
      method: 'POST',
      headers: { ...csvHeaders, 'Content-Length': String(Buffer.byteLength(body)) },
      body,
    });
    expect(announced.status).toBe(413);
    expect(await announced.json()).toMatchObject({ error: 'payload_too_large' });
    // A chunked upload announces no length: the limit must hold while reading.
    const chunks = [header, '\nTT-E,Phòng THADS khu vực E,local,TT,,\n'];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const streamed = await app.request('/api/import/units', { method: 'POST', headers: csvHeaders, body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await unitCodes(['TT-E'])).toEqual([]);
  });

  it('refuses a form upload with 415', async () => {
    const { deps } = createTestDeps(handle);
    const form = new FormData();
    form.set('file', new Blob([goodCsv], { type: 'text/csv' }), 'units.csv');
    const res = await createApp(deps).request('/api/import/units', { method: 'POST', headers: adminHeaders(), body: form });
    expect(res.status).toBe(415);
  });
});
