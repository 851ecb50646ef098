import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDemoLoaded, seedDemo } from '../../../db/demo/index.ts';
import { noCache } from '../../../db/result-cache.ts';
import { demoLoads } from '../../../db/schema.ts';
import type { Env } from '../../../server/config.ts';
import { createApp } from '../../../server/app.ts';
import { createTestDeps } from '../../helpers/app-deps.ts';
import { TestBrowser } from '../../helpers/browser.ts';
import { drivers, openTestDb, type TestDb } from '../../helpers/db.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const TODAY = '2026-11-23';

/** A browser on a machine at `address` (as Node's socket reports it; undefined: no socket, as on Workers). */
function browserAt(handle: TestDb, address: string | undefined, env: Env = {}): TestBrowser {
  const app = createApp(createTestDeps(handle, env).deps);
  const bindings = address === undefined ? undefined : { incoming: { socket: { remoteAddress: address } } };
  return new TestBrowser({ request: (path, init) => app.request(path, init, bindings) }, ORIGIN);
}

/** The personas' forms on a page: staff code → token. */
function personaForms(html: string): Map<string, string> {
  return new Map(
    [...html.matchAll(/<form method="post" action="\/xem-thu"[^>]*><input type="hidden" name="csrf" value="([^"]+)"\/><input type="hidden" name="staff" value="([^"]+)"/g)].map((m) => [m[2]!, m[1]!]),
  );
}

/** A persona's form as a loopback page draws it, with its nonce cookie, to replay against `other`. */
async function loopbackForm(handle: TestDb, other: TestBrowser): Promise<Record<string, string>> {
  const local = browserAt(handle, '127.0.0.1');
  const forms = personaForms(await (await local.get('/')).text());
  for (const [k, v] of local.cookies) other.cookies.set(k, v);
  return { csrf: forms.get('BH-DS-CHV01')!, staff: 'BH-DS-CHV01', lang: 'vi' };
}

async function expectRefused(handle: TestDb, browser: TestBrowser) {
  expect(personaForms(await (await browser.get('/')).text()).size).toBe(0);
  const fields = await loopbackForm(handle, browser);
  const res = await browser.post('/xem-thu', fields);
  expect(res.status).toBe(404);
  expect(await res.text()).not.toContain('Bùi Văn Hải');
  expect(browser.cookies.has('thads_session')).toBe(false);
}

describe('personas on the embedded demo', () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb('pglite');
    await seedDemo(handle.db, { today: TODAY, changes: noCache });
  }, 180_000);
  afterAll(() => handle.close());

  it('are offered on loopback, and one signs in as that staff member', async () => {
    const browser = browserAt(handle, '127.0.0.1');
    const html = await (await browser.get('/')).text();
    expect(html).toContain('Xem thử với vai trò …');
    const forms = personaForms(html);
    expect([...forms.keys()]).toEqual(['BH-CT', 'BH-DS-TP', 'BH-DS-CHV01']);
    expect(html).toContain('Nguyễn Văn Thành · ');
    expect(html).toContain('Xem thử với vai trò Chấp hành viên');
    const res = await browser.post('/xem-thu', { csrf: forms.get('BH-DS-CHV01')!, staff: 'BH-DS-CHV01', lang: 'vi' });
    expect(res.status).toBe(303);
    const home = await (await browser.get('/')).text();
    expect(home).toContain('Xin chào đồng chí Bùi Văn Hải');
    expect(home).not.toContain('/xem-thu');
    // Over IPv6's loopback too.
    expect(personaForms(await (await browserAt(handle, '::1').get('/')).text()).size).toBe(3);
  });

  it('refuse a post without the token, from another origin, or for someone not a persona', async () => {
    const browser = browserAt(handle, '127.0.0.1');
    const forms = personaForms(await (await browser.get('/')).text());
    const csrf = forms.get('BH-CT')!;
    expect((await browser.post('/xem-thu', { csrf: 'x'.repeat(64), staff: 'BH-CT' })).status).toBe(403);
    expect((await browser.post('/xem-thu', { csrf, staff: 'BH-CT' }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await browser.post('/xem-thu', { csrf, staff: 'BH-PCT1' })).status).toBe(404);
    expect(browser.cookies.has('thads_session')).toBe(false);
  });

  it('are refused when the server listens beyond loopback (HOST)', async () => {
    await expectRefused(handle, browserAt(handle, '127.0.0.1', { HOST: '0.0.0.0', PUBLIC_URL: ORIGIN }));
  });

  it('are refused to a request from another address, or with no address known', async () => {
    await expectRefused(handle, browserAt(handle, '192.168.1.20'));
    await expectRefused(handle, browserAt(handle, '::ffff:10.0.0.2'));
    await expectRefused(handle, browserAt(handle, undefined));
  });

  it('are refused on a database without the demo record, even with the demo units in it', async () => {
    await handle.db.delete(demoLoads);
    expect(await isDemoLoaded(handle.db)).toBe(false);
    await expectRefused(handle, browserAt(handle, '127.0.0.1'));
  });
});

describe.each(drivers.filter((d) => d === 'postgres'))('personas on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: TODAY, changes: noCache });
  }, 180_000);
  afterAll(() => handle.close());

  it('are refused, the demo recorded or not: PostgreSQL is someone’s real server', async () => {
    expect(await isDemoLoaded(handle.db)).toBe(true);
    await expectRefused(handle, browserAt(handle, '127.0.0.1'));
  });
});
