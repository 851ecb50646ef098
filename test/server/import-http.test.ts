import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { snapshot } from '../fixtures/import/helpers.ts';
import { adminHeaders, createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

const csvHeaders = adminHeaders({ 'Content-Type': 'text/csv' });

// Through a real Node HTTP server, as `npm start` serves it: the body arrives as a stream.
describe.each(drivers)('POST /api/import over HTTP on %s', (driver) => {
  let handle: TestDb;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    server = createServer(getRequestListener(createApp(createTestDeps(handle, { LOG_LEVEL: 'silent' }).deps).fetch));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/import`;
  });
  afterAll(async () => {
    await new Promise((closed) => server.close(closed));
    await handle.close();
  });

  async function refused(path: string, body: string, headers: Record<string, string> = {}) {
    const before = await snapshot(handle.db);
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { ...csvHeaders, ...headers }, body });
    const json = (await res.json()) as { error: string; issues: { line: number; column: string; code: string; message: string }[] };
    expect(await snapshot(handle.db)).toEqual(before);
    return { status: res.status, ...json };
  }

  it.each(['', '?dry_run=1'])('a missing column is a 422 naming it (%s)', async (query) => {
    const res = await refused(`/units${query}`, 'code,name,kind,parent_code,telegram_chat_id\nX,Y,local,,\n');
    expect(res.status).toBe(422);
    expect(res.error).toBe('invalid_csv');
    expect(res.issues).toEqual([
      { line: 1, column: 'slack_channel_id', code: 'import.header_missing', message: 'Dòng tiêu đề thiếu cột "slack_channel_id".' },
    ]);
  });

  it('a semicolon-separated file is a 422 saying commas are needed, in English on request', async () => {
    const res = await refused('/units', 'code;name;kind;parent_code;telegram_chat_id;slack_channel_id\nX;Y;local;;;\n', {
      'Accept-Language': 'en',
    });
    expect(res.status).toBe(422);
    expect(res.issues).toEqual([
      { line: 1, column: '', code: 'import.header_semicolon', message: expect.stringMatching(/^The columns are separated by semicolons/) },
    ]);
  });

  it('a bad header on a large body still gets its 422, the rest of the body unread', async () => {
    const row = 'X,Y,local,,\n';
    const body = `code,name,kind,parent_code,telegram_chat_id\n${row.repeat(Math.ceil((4 * 1024 * 1024) / row.length))}`;
    const res = await refused('/units', body);
    expect(res.status).toBe(422);
    expect(res.issues.map((i) => i.code)).toEqual(['import.header_missing']);
  });
});
