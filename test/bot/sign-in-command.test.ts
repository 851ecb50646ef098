import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { commands } from '../../bot/commands/index.ts';
import { dispatch } from '../../bot/core/dispatch.ts';
import { renderPlain } from '../../bot/render/plain.ts';
import { renderSlack } from '../../bot/slack/render.ts';
import { renderTelegram } from '../../bot/telegram/render.ts';
import { getPersonByCode } from '../../db/identity.ts';
import { commandMenu } from '../../bot/telegram/commands-menu.ts';
import { hashSecret } from '../../db/secret-tokens.ts';
import { auditLog, signInLinks } from '../../db/schema.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit } from '../helpers/fixtures.ts';

const LINK = /^http:\/\/127\.0\.0\.1:3000\/dang-nhap\/([0-9a-f]{64})$/m;

describe.each(drivers)('dangnhap on %s', (driver) => {
  let handle: TestDb;
  let core: ReturnType<typeof createTestCore>;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    const province = await addUnit(handle.db, 'P', 'province');
    await addStaff(handle.db, 'P-OFF', await addUnit(handle.db, 'P-A', 'local', 'P'), 'officer');
    await addStaff(handle.db, 'P-HEAD', province, 'province_head');
    core = createTestCore(handle.db);
  });
  afterAll(() => handle.close());

  it('answers a linked staff member privately with a one-time link, valid 10 minutes, whose hash alone is stored', async () => {
    const [answer, ...more] = await say(core, 'P-OFF', '/dangnhap');
    expect(more).toEqual([]);
    expect(answer!.to).toBe('chat');
    expect(answer!.text).toContain('Đăng nhập trang web');
    // 23/11/2026 09:00 in Viet Nam, plus 10 minutes.
    expect(answer!.text).toContain('hiệu lực đến 23/11/2026 09:10');
    const token = LINK.exec(answer!.text)![1]!;
    const rows = await handle.db.select().from(signInLinks);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(await hashSecret(token));
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(rows[0]!.expiresAt.toISOString()).toBe('2026-11-23T02:10:00.000Z');
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'sign_in_link.create'));
    expect(audit.map((a) => [a.actor, a.channel])).toEqual([['P-OFF', 'telegram']]);
  });

  it('is personal (Slack shows it to the person alone), also by its English alias', async () => {
    const person = await getPersonByCode(handle.db, 'P-HEAD');
    const incoming = { person, locale: 'vi' as const, chat: { platform: 'slack' as const, id: 'D1', isPrivate: true }, account: { platform: 'slack' as const, externalId: 'U1' } };
    for (const text of ['dangnhap', 'login']) {
      const [out, ...more] = await dispatch(core, { ...incoming, text });
      expect(more).toEqual([]);
      expect(out!.reply.personal).toBe(true);
      const url = LINK.exec(renderPlain(out!.reply))![0];
      // Whole in each platform's drawing: nothing in a hex token reads as formatting.
      expect(JSON.stringify(renderSlack(out!.reply, 'vi').blocks)).toContain(`"${url}"`);
      expect(renderTelegram(out!.reply).map((m) => m.text).join('\n')).toContain(`\n${url}\n`);
    }
    const [group] = await dispatch(core, { ...incoming, chat: { ...incoming.chat, id: 'C1', isPrivate: false }, text: 'login' });
    expect(group!.reply.personal).toBe(true);
    expect(renderPlain(group!.reply)).not.toContain('dang-nhap');
  });

  it('replaces an unused earlier link, so at most one works', async () => {
    await say(core, 'P-HEAD', '/dangnhap');
    await say(core, 'P-HEAD', '/dangnhap');
    const rows = await handle.db.select().from(signInLinks);
    expect(rows.filter((r) => r.usedAt === null).map((r) => r.staffId).sort()).toHaveLength(2); // one each for P-OFF and P-HEAD
  });

  it('gives no link in a group: only the advice to ask privately', async () => {
    const before = await handle.db.select().from(signInLinks);
    const answers = await say(core, 'P-OFF', '/dangnhap', { id: '-100123', isPrivate: false });
    expect(answers).toEqual([
      { to: 'chat', text: 'Liên kết đăng nhập chỉ gửi trong tin nhắn riêng. Đề nghị đồng chí nhắn /dangnhap riêng cho bot.', buttons: [] },
    ]);
    expect(await handle.db.select().from(signInLinks)).toEqual(before);
  });

  it('gives a stranger no link, only how to link the account', async () => {
    const before = await handle.db.select().from(signInLinks);
    const [answer] = await say(core, null, '/dangnhap');
    expect(answer!.text).toContain('/lienket <mã>');
    expect(answer!.text).not.toContain('dang-nhap');
    expect(await handle.db.select().from(signInLinks)).toEqual(before);
  });

  it('is in the help of linked staff and in both Telegram menus', async () => {
    const [help] = await say(core, 'P-OFF', '/trogiup');
    expect(help!.text).toContain('/dangnhap (/login)');
    const [stranger] = await say(core, null, '/trogiup');
    expect(stranger!.text).not.toContain('/dangnhap');
    expect(commandMenu(commands, 'vi').map((c) => c.command)).toContain('dangnhap');
    expect(commandMenu(commands, 'en').map((c) => c.command)).toContain('login');
  });
});
