import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { signInLinks, webSessions } from '../../../db/schema.ts';
import { createTestDeps } from '../../helpers/app-deps.ts';
import { formAction, formFields, TestBrowser } from '../../helpers/browser.ts';
import { createTestCore, say } from '../../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../../helpers/db.ts';
import { addStaff, addUnit } from '../../helpers/fixtures.ts';

const START = new Date('2026-11-23T02:00:00Z'); // 09:00 in Viet Nam
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(drivers)('signing in through the bot on %s', (driver) => {
  let handle: TestDb;
  let clock: Date;
  let core: ReturnType<typeof createTestCore>;
  const now = () => clock;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    const province = await addUnit(handle.db, 'P', 'province');
    await addStaff(handle.db, 'P-A-OFF', await addUnit(handle.db, 'P-A', 'local', 'P'), 'officer');
    await addStaff(handle.db, 'P-HEAD', province, 'province_head');
    core = createTestCore(handle.db);
    core.deps.now = now;
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    clock = START;
  });

  function app(env: Record<string, string> = {}) {
    const made = createTestDeps(handle, env, now);
    return { app: createApp(made.deps), logs: made.logs };
  }

  /** The link the bot sends this staff member, as a path. */
  async function linkFor(staff: string): Promise<{ path: string; token: string }> {
    const [answer] = await say(core, staff, '/dangnhap');
    const match = /http:\/\/127\.0\.0\.1:3000(\/dang-nhap\/([0-9a-f]{64}))/.exec(answer!.text)!;
    return { path: match[1]!, token: match[2]! };
  }

  /** Opens the link and presses the button: the confirm page's response and the sign-in's. */
  async function signIn(browser: TestBrowser, path: string) {
    const page = await browser.get(path);
    const html = await page.text();
    const res = await browser.post(formAction(html) ?? path, formFields(html));
    return { page, html, res };
  }

  const sessions = () => handle.db.select().from(webSessions);
  const links = () => handle.db.select().from(signInLinks);

  it('opens a confirm page that uses nothing, then signs in once with a session cookie of the right attributes', async () => {
    const { app: web, logs } = app();
    const browser = new TestBrowser(web, 'http://127.0.0.1:3000');
    const { path, token } = await linkFor('P-A-OFF');
    // A link preview (a GET without cookies) and the person's own GET change nothing.
    const preview = await web.request(path);
    expect(preview.status).toBe(200);
    const { page, html, res } = await signIn(browser, path);
    expect(page.status).toBe(200);
    expect(html).toContain('Xác nhận đăng nhập');
    expect(html).toContain('Cán bộ P-A-OFF (Đơn vị P-A)');
    expect(html).toContain('hiệu lực đến 23/11/2026 09:10');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.headers.get('cache-control')).toBe('no-store');

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('thads_session='))!;
    expect(cookie).toMatch(/^thads_session=[0-9a-f]{64}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toContain('Secure');
    const [session, ...more] = await sessions();
    expect(more).toEqual([]);
    expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).toBe(12 * HOUR);
    expect(session!.idHash).not.toBe(browser.cookies.get('thads_session'));

    const home = await (await browser.get('/')).text();
    expect(home).toContain('Xin chào đồng chí Cán bộ P-A-OFF');
    // The token never reaches the logs: whoever reads them could sign in with it.
    expect(JSON.stringify(logs)).not.toContain(token);
    expect(logs.some((l) => l.msg === 'request' && l.path === '/dang-nhap/…')).toBe(true);
  });

  it('refuses a second use with a clear page, and starts no second session', async () => {
    const { app: web } = app();
    const browser = new TestBrowser(web, 'http://127.0.0.1:3000');
    const { path } = await linkFor('P-A-OFF');
    const page = await (await browser.get(path)).text();
    expect((await browser.post(path, formFields(page))).status).toBe(303);
    const before = await sessions();

    const again = await browser.post(path, formFields(page));
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Liên kết đăng nhập này đã được dùng.');
    const reopened = await new TestBrowser(web, 'http://127.0.0.1:3000').get(path);
    expect(reopened.status).toBe(410);
    expect(await reopened.text()).toContain('nhắn riêng cho bot lệnh /dangnhap (trên Slack: /thads dangnhap)');
    expect(await sessions()).toEqual(before);
  });

  it('expires a link after 10 minutes, and a made-up one is unknown', async () => {
    const { app: web } = app();
    const browser = new TestBrowser(web, 'http://127.0.0.1:3000');
    const { path } = await linkFor('P-HEAD');
    clock = new Date(START.getTime() + 10 * MINUTE - 1000);
    const page = await browser.get(path);
    expect(page.status).toBe(200);
    const fields = formFields(await page.text());
    clock = new Date(START.getTime() + 10 * MINUTE);
    const before = await sessions();
    const late = await browser.post(path, fields);
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('Liên kết đăng nhập này đã hết hạn (hiệu lực 10 phút).');
    expect((await browser.get(path)).status).toBe(410);
    expect(await sessions()).toEqual(before);

    for (const made of ['/dang-nhap/abc', `/dang-nhap/${'a'.repeat(64)}`]) {
      const res = await browser.get(made);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Liên kết đăng nhập không đúng.');
    }
  });

  it('refuses a sign-in without the form token, from another origin, or with no origin at all, and uses nothing', async () => {
    const { app: web } = app();
    const browser = new TestBrowser(web, 'http://127.0.0.1:3000');
    const { path } = await linkFor('P-A-OFF');
    const fields = formFields(await (await browser.get(path)).text());
    const before = { sessions: await sessions(), links: await links() };
    const attempts = [
      () => browser.post(path, { lang: 'vi' }),
      () => browser.post(path, { ...fields, csrf: fields.csrf!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }),
      () => browser.post(path, fields, { Origin: 'https://evil.example' }),
      () => browser.post(path, fields, { Origin: '' }),
      () => browser.post(path, fields, { Origin: '', Referer: 'https://evil.example/page' }),
      // Another browser (an attacker's page posting its own link's form) holds no nonce cookie.
      () => new TestBrowser(web, 'http://127.0.0.1:3000').post(path, fields),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(html).toContain('Yêu cầu không hợp lệ');
      expect(html).not.toMatch(/at \w+ \(|Error:/);
    }
    expect({ sessions: await sessions(), links: await links() }).toEqual(before);
    // The same browser with its form and a Referer of ours (a browser sending no Origin) still signs in.
    expect((await browser.post(path, fields, { Origin: '', Referer: 'http://127.0.0.1:3000/dang-nhap/x' })).status).toBe(303);
  });

  it('marks the cookies Secure, with the __Host- prefix, when PUBLIC_URL is https', async () => {
    const { app: web } = app({ PUBLIC_URL: 'https://thads.example.vn/' });
    const browser = new TestBrowser(web, 'https://thads.example.vn');
    const { token } = await linkFor('P-A-OFF');
    const page = await browser.get(`/dang-nhap/${token}`);
    expect(page.headers.getSetCookie()[0]).toMatch(/^__Host-thads_sign_in=[0-9a-f]{64}; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const res = await browser.post(`/dang-nhap/${token}`, formFields(await page.text()));
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-thads_session='));
    expect(cookie).toMatch(/^__Host-thads_session=[0-9a-f]{64}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    // The http origin is a foreign one for an https app.
    const other = new TestBrowser(web, 'http://thads.example.vn');
    const { token: second } = await linkFor('P-A-OFF');
    const fields = formFields(await (await other.get(`/dang-nhap/${second}`)).text());
    expect((await other.post(`/dang-nhap/${second}`, fields)).status).toBe(403);
  });
});
