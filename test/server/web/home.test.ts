import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canReadUnit } from '../../../db/access.ts';
import { getPersonByCode } from '../../../db/identity.ts';
import { eq } from 'drizzle-orm';
import { staff, units, webSessions } from '../../../db/schema.ts';
import { createApp } from '../../../server/app.ts';
import { createTestDeps } from '../../helpers/app-deps.ts';
import { formFields, TestBrowser } from '../../helpers/browser.ts';
import { createTestCore, say } from '../../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../../helpers/db.ts';
import { addStaff, addUnit } from '../../helpers/fixtures.ts';

const START = new Date('2026-11-23T02:00:00Z'); // 09:00 in Viet Nam
const HOUR = 60 * 60_000;
const ORIGIN = 'http://127.0.0.1:3000';

describe.each(drivers)('the web pages on %s', (driver) => {
  let handle: TestDb;
  let clock: Date;
  let core: ReturnType<typeof createTestCore>;
  const now = () => clock;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    const province = await addUnit(handle.db, 'P', 'province');
    const a = await addUnit(handle.db, 'P-A', 'local', 'P');
    await addUnit(handle.db, 'P-B', 'local', 'P');
    const other = await addUnit(handle.db, 'Q', 'province');
    await addUnit(handle.db, 'Q-A', 'local', 'Q');
    await addStaff(handle.db, 'P-HEAD', province, 'province_head');
    await addStaff(handle.db, 'P-CLERK', province, 'clerk');
    await addStaff(handle.db, 'P-A-TP', a, 'unit_head');
    await addStaff(handle.db, 'P-A-OFF', a, 'officer');
    await addStaff(handle.db, 'Q-HEAD', other, 'province_head');
    await addStaff(handle.db, 'P-B-EN', await addUnit(handle.db, 'P-C', 'local', 'P'), 'accountant');
    await handle.db.update(staff).set({ locale: 'en' }).where(eq(staff.code, 'P-B-EN'));
    core = createTestCore(handle.db);
    core.deps.now = now;
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    clock = START;
  });

  const web = () => createApp(createTestDeps(handle, {}, now).deps);

  /** A browser signed in as this staff member, through the bot's link and the confirm form. */
  async function signedIn(staff: string, app = web()): Promise<TestBrowser> {
    const browser = new TestBrowser(app, ORIGIN);
    const [answer] = await say(core, staff, '/dangnhap');
    const path = /\/dang-nhap\/[0-9a-f]{64}/.exec(answer!.text)![0];
    const fields = formFields(await (await browser.get(path)).text());
    const res = await browser.post(path, fields);
    expect(res.status).toBe(303);
    return browser;
  }

  it('shows a signed-out visitor how to sign in and nothing else, in Vietnamese or in English', async () => {
    const res = await new TestBrowser(web(), ORIGIN).get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="vi">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain('nhắn riêng cho bot lệnh /dangnhap (trên Slack: /thads dangnhap)');
    expect(html).not.toMatch(/P-A|Cán bộ|Đơn vị|<form/);
    const en = await (await new TestBrowser(web(), ORIGIN).get('/?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('send /login to the bot in a private chat (on Slack: /thads login)');
  });

  it('greets the staff member with their name and title, and lists only the units the access rules let them read', async () => {
    const all = await handle.db.select({ id: units.id, code: units.code }).from(units);
    const expected = { 'P-HEAD': ['P', 'P-A', 'P-B', 'P-C'], 'P-CLERK': ['P'], 'P-A-TP': ['P-A'], 'P-A-OFF': ['P-A'], 'Q-HEAD': ['Q', 'Q-A'] };
    const titles = { 'P-HEAD': 'Trưởng Thi hành án dân sự tỉnh', 'P-CLERK': 'Thư ký thi hành án', 'P-A-TP': 'Trưởng phòng', 'P-A-OFF': 'Chấp hành viên', 'Q-HEAD': 'Trưởng Thi hành án dân sự tỉnh' };
    for (const [staff, codes] of Object.entries(expected)) {
      const html = await (await (await signedIn(staff)).get('/')).text();
      expect(html).toContain(`Xin chào đồng chí Cán bộ ${staff}`);
      expect(html).toContain(`<dd>${titles[staff as keyof typeof titles]}</dd>`);
      const shown = [...html.matchAll(/data-unit="([^"]+)"/g)].map((m) => m[1]);
      expect(shown, staff).toEqual(codes);
      // The same answer as the rule the bot asks, unit by unit.
      const person = (await getPersonByCode(handle.db, staff))!;
      const readable = [];
      for (const u of all) if (await canReadUnit(handle.db, person, u.id)) readable.push(u.code);
      expect(readable.sort(), staff).toEqual(codes);
    }
  });

  it('speaks the person’s own language (ngonngu), unless the page asks for another', async () => {
    const browser = await signedIn('P-B-EN');
    const html = await (await browser.get('/')).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Hello, Cán bộ P-B-EN');
    expect(html).toContain('<dd>Accountant</dd>');
    expect(html).toContain('You are signed in until 23 Nov 2026 21:00.');
    expect(await (await browser.get('/?lang=vi')).text()).toContain('Xin chào đồng chí Cán bộ P-B-EN');
  });

  it('keeps a session 12 hours, then signs the browser out', async () => {
    const browser = await signedIn('P-A-OFF');
    clock = new Date(START.getTime() + 12 * HOUR - 1000);
    expect(await (await browser.get('/')).text()).toContain('Xin chào đồng chí');
    clock = new Date(START.getTime() + 12 * HOUR);
    const res = await browser.get('/');
    expect(await res.text()).toContain('Để đăng nhập');
    expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^thads_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/)]);
    expect(browser.cookies.has('thads_session')).toBe(false);
  });

  it('signs out with the session’s form token, and the old cookie is worth nothing after', async () => {
    const browser = await signedIn('P-A-TP');
    const cookie = browser.cookies.get('thads_session')!;
    const fields = formFields(await (await browser.get('/')).text());
    const res = await browser.post('/dang-xuat', fields);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(browser.cookies.has('thads_session')).toBe(false);
    const replayed = new TestBrowser(web(), ORIGIN);
    replayed.cookies.set('thads_session', cookie);
    expect(await (await replayed.get('/')).text()).toContain('Để đăng nhập');
    const revoked = (await handle.db.select().from(webSessions)).filter((s) => s.revokedAt !== null);
    expect(revoked.map((s) => s.revokedAt!.toISOString())).toContain(START.toISOString());
  });

  it('refuses a sign-out without the form token or from another origin, and the session lives on', async () => {
    const browser = await signedIn('P-HEAD');
    const fields = formFields(await (await browser.get('/')).text());
    const before = await handle.db.select().from(webSessions);
    for (const res of [
      await browser.post('/dang-xuat', { lang: 'vi' }),
      await browser.post('/dang-xuat', fields, { Origin: 'https://evil.example' }),
      await browser.post('/dang-xuat', fields, { Origin: '' }),
    ]) {
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Yêu cầu không hợp lệ');
    }
    expect(await handle.db.select().from(webSessions)).toEqual(before);
    expect(await (await browser.get('/')).text()).toContain('Xin chào đồng chí Cán bộ P-HEAD');
  });

  it('answers a browser’s unknown page and our own failures with pages that hold no stack trace', async () => {
    const browser = new TestBrowser(web(), ORIGIN);
    const missing = await browser.get('/khong-co');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Không có trang này.');
    // The API keeps its JSON.
    expect((await web().request('/khong-co')).headers.get('content-type')).toMatch(/json/);

    const { deps, logs } = createTestDeps(handle, {}, now);
    const broken = { ...deps, db: new Proxy(deps.db, { get: () => { throw new Error('secret cause at db.select'); } }) };
    const failing = new TestBrowser(createApp(broken), ORIGIN);
    failing.cookies.set('thads_session', 'a'.repeat(64));
    const res = await failing.get('/');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('Hệ thống gặp lỗi');
    expect(html).not.toContain('secret cause');
    expect(html).not.toMatch(/at \w+ \(/);
    expect(logs.some((l) => l.msg === 'web page failed')).toBe(true);
  });
});
