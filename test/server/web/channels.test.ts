import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/demo/index.ts';
import { noCache } from '../../../db/result-cache.ts';
import { deliveries } from '../../../db/schema.ts';
import { createApp } from '../../../server/app.ts';
import { createTestDeps } from '../../helpers/app-deps.ts';
import { TestBrowser } from '../../helpers/browser.ts';
import { openTestDb, type TestDb } from '../../helpers/db.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const TODAY = '2026-11-23';

const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function browserAt(handle: TestDb, address: string): TestBrowser {
  const app = createApp(createTestDeps(handle).deps);
  return new TestBrowser({ request: (path, init) => app.request(path, init, { incoming: { socket: { remoteAddress: address } } }) }, ORIGIN);
}

/** Signed in as a persona, as the home page offers them. */
async function asPersona(browser: TestBrowser, staff: string): Promise<string> {
  const html = await (await browser.get('/')).text();
  const csrf = new RegExp(`name="csrf" value="([^"]+)"/><input type="hidden" name="staff" value="${staff}"`).exec(html)![1]!;
  expect((await browser.post('/xem-thu', { csrf, staff, lang: 'vi' })).status).toBe(303);
  const home = await (await browser.get('/')).text();
  return /name="csrf" value="([^"]+)"/.exec(home)![1]!;
}

describe('the channels view on the embedded demo', () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb('pglite');
    // The demo gives each of its units a made-up Telegram group (db/demo/organisation.ts).
    await seedDemo(handle.db, { today: TODAY, changes: noCache });
  }, 180_000);
  afterAll(() => handle.close());

  it('lists each unit channel, and after the button what the weekly briefing planned, not sent', async () => {
    const browser = browserAt(handle, '127.0.0.1');
    const csrf = await asPersona(browser, 'BH-CT');
    expect(await (await browser.get('/')).text()).toContain('<a href="/kenh">');
    const before = decode(await (await browser.get('/kenh')).text());
    expect(before).toContain('data-channel="telegram:-1009000000000"');
    expect(before).toContain('data-channel="telegram:-1009000000001"');
    expect(before).toContain('Chưa có tin nào.');
    expect(before).toContain('Chạy giao ban tuần ngay');

    expect((await browser.post('/kenh', { csrf, lang: 'vi' }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await browser.post('/kenh', { csrf: 'x', lang: 'vi' })).status).toBe(403);
    expect(await handle.db.select().from(deliveries)).toHaveLength(0);

    const ran = await browser.post('/kenh', { csrf, lang: 'vi' });
    expect(ran.status).toBe(200);
    const html = decode(await ran.text());
    expect(html).toContain('Giao ban tuần đã lập 10 tin, trong đó 10 tin mới.');
    expect(html).not.toContain('Chưa có tin nào.');
    const ds = html.split('data-channel="telegram:-1009000000001"')[1]!;
    expect(ds).toMatch(/<p class="note">23\/11\/2026[^<]* · chưa gửi<\/p>/);
    expect(ds).toContain('Giao ban tuần');
    expect(html).not.toContain('W48');
    expect(ds).toContain('chưa gửi');
    expect(ds).toMatch(/<pre>[^<]*Đông Sơn/);
    const rows = await handle.db.select().from(deliveries);
    // The province's group and each of its nine units' groups.
    expect(rows.map((r) => [r.destination, r.status]).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => [`-100900000${String(i).padStart(4, '0')}`, 'pending']),
    );

    // Again: the week's messages are there already.
    expect(decode(await (await browser.post('/kenh', { csrf, lang: 'vi' })).text())).toContain('Giao ban tuần đã lập 10 tin, trong đó 0 tin mới.');
    expect(await handle.db.select().from(deliveries)).toHaveLength(10);
  });

  it('is refused to a request from another address, shown or posted', async () => {
    const local = browserAt(handle, '127.0.0.1');
    const csrf = await asPersona(local, 'BH-CT');
    const remote = browserAt(handle, '10.1.2.3');
    for (const [k, v] of local.cookies) remote.cookies.set(k, v);
    expect((await remote.get('/kenh')).status).toBe(404);
    expect(await (await remote.get('/')).text()).not.toContain('/kenh');
    expect((await remote.post('/kenh', { csrf, lang: 'vi' })).status).toBe(404);
  });
});
