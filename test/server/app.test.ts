import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { createApp } from '../../server/app.ts';
import { adminHeaders, createTestDeps, TEST_ADMIN_TOKEN } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

describe.each(drivers)('HTTP app on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
  });
  afterAll(async () => {
    await handle.close().catch(() => {}); // the last test closes it on purpose
  });

  it('answers /healthz with 200 when the database answers', async () => {
    const { deps, logs } = createTestDeps(handle);
    const res = await createApp(deps).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(logs.find((l) => l.msg === 'request')).toMatchObject({ method: 'GET', path: '/healthz', status: 200 });
  });

  it('refuses /api without the admin token, with a wrong one, and with another scheme', async () => {
    const { deps } = createTestDeps(handle);
    const app = createApp(deps);
    const wrong: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-token-wrong-token' }, { Authorization: `Basic ${TEST_ADMIN_TOKEN}` }];
    for (const headers of wrong) {
      const res = await app.request('/api/units/BH/summary', { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
    // Unknown paths under /api are guarded too: they do not reveal which routes exist.
    expect((await app.request('/api/nothing-here')).status).toBe(401);
  });

  it('turns the admin API off without ADMIN_TOKEN, saying so', async () => {
    const { deps } = createTestDeps(handle, { ADMIN_TOKEN: '' });
    const res = await createApp(deps).request('/api/units/BH/summary', { headers: adminHeaders() });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('admin_api_off');
    expect(body.message).toMatch(/ADMIN_TOKEN/);
  });

  it('never logs the Authorization header', async () => {
    const { deps, logs } = createTestDeps(handle);
    await createApp(deps).request('/api/units/NOPE/summary', { headers: adminHeaders() });
    expect(JSON.stringify(logs)).not.toContain(TEST_ADMIN_TOKEN);
    expect(logs.some((l) => l.msg === 'request' && l.path === '/api/units/NOPE/summary')).toBe(true);
  });

  it('answers unknown routes with 404 JSON in the asked language', async () => {
    const { deps } = createTestDeps(handle);
    const app = createApp(deps);
    const en = await app.request('/nowhere', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    expect(en.status).toBe(404);
    expect(await en.json()).toEqual({ error: 'not_found', message: 'No such route: GET /nowhere.' });
    const vi = await app.request('/nowhere'); // DEFAULT_LOCALE is vi
    expect(((await vi.json()) as { message: string }).message).toMatch(/^Không có đường dẫn/);
  });

  it('answers 503 when the database does not answer within 2 s', async () => {
    const { deps } = createTestDeps(handle);
    const hung = { execute: () => new Promise(() => {}) } as unknown as Db;
    const started = Date.now();
    const res = await createApp({ ...deps, db: hung }).request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'degraded', db: 'down' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers 503 on /healthz and a bare 500 on the API once the database is closed', async () => {
    const { deps, logs } = createTestDeps(handle);
    const app = createApp(deps);
    await handle.close();
    const health = await app.request('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'degraded', db: 'down' });

    const res = await app.request('/api/units/BH/summary?at=2026-11-23', { headers: adminHeaders({ 'Accept-Language': 'en' }) });
    expect(res.status).toBe(500);
    const text = await res.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toEqual({ error: 'internal_error', message: expect.stringMatching(/^Sorry/), request_id: res.headers.get('x-request-id') });
    expect(text).not.toMatch(/\bat \w|\.ts\b|closed|ended|stack/i);
    // The cause goes to the log, under the request's id.
    const logged = logs.find((l) => l.msg === 'unhandled error');
    expect(logged).toMatchObject({ req_id: body.request_id, err: { message: expect.stringMatching(/closed|ended/i) } });
  });
});
