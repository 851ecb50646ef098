import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../bot/core/command.ts';
import { dispatch, MAX_INPUT } from '../../bot/core/dispatch.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { noCache } from '../../db/result-cache.ts';
import { staff, targets } from '../../db/schema.ts';

describe('the command core on the demo province', () => {
  let handle: TestDb;
  let core: ReturnType<typeof createTestCore>;
  beforeAll(async () => {
    handle = await openTestDb('pglite');
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    core = createTestCore(handle.db);
  });
  afterAll(() => handle.close());

  it('gives a stranger nothing but how to link', async () => {
    const [answer] = await say(core, null, '/tomtat BH');
    expect(answer!.text).toContain('/lienket <mã>');
    expect(answer!.text).not.toContain('Tỷ lệ');
    const [help] = await say(core, null, '/trogiup');
    expect(help!.text).toContain('/lienket');
    expect(help!.text).not.toContain('/tomtat');
  });

  it('answers a unit’s own staff with its summary, in vi-VN numbers', async () => {
    const [answer] = await say(core, 'BH-DS-CHV01', '/tomtat');
    expect(answer!.text).toMatch(/^Phòng Thi hành án dân sự khu vực Đông Sơn \(BH-DS\)/);
    // A change of rate in a sentence in full words (WORDING.md: "điểm phần trăm").
    expect(answer!.text).toMatch(/Tỷ lệ thi hành xong về việc: \d{1,3},\d\d% · chỉ tiêu 86,00% \((vượt|thấp hơn) \d+,\d\d điểm phần trăm\)/);
    expect(answer!.text).toMatch(/Tổng số phải thi hành: [\d.]+ việc · [\d,]+ (tỷ|triệu) đồng/);
    expect(answer!.buttons).toEqual(['quahan BH-DS']);
  });

  it('finds a unit by part of its name without diacritics, for a province leader', async () => {
    const [answer] = await say(core, 'BH-CT', '/summary dong son');
    expect(answer!.text).toContain('(BH-DS)');
    expect(answer!.buttons).toEqual(['quahan BH-DS', 'xephang BH-DS']);
  });

  it('offers a choice when a name matches several units', async () => {
    const [answer] = await say(core, 'BH-CT', '/tomtat hòa');
    expect(answer!.buttons).toEqual(['tomtat BH-HA', 'tomtat BH-TH']);
  });

  it('does not let a unit’s staff read another unit, nor reveal that it exists', async () => {
    const [other] = await say(core, 'BH-DS-TP', '/tomtat BH-HA');
    const [missing] = await say(core, 'BH-DS-TP', '/tomtat BH-ZZ');
    expect(other!.text).toBe('Không tìm thấy đơn vị "BH-HA".');
    expect(missing!.text).toBe('Không tìm thấy đơn vị "BH-ZZ".');
  });

  it('ranks for leaders only: a province’s units, a unit’s officers', async () => {
    const [province] = await say(core, 'BH-CT', '/xephang');
    expect(province!.text).toContain('Xếp hạng các đơn vị thuộc');
    // Units by their place in a list (WORDING.md), not by code.
    for (const place of ['Đông Sơn', 'Hòa An', 'Mỹ Lộc']) expect(province!.text).toContain(place);
    expect(province!.text).not.toMatch(/BH-[A-Z]{2}\b(?!\))/);
    const [unit] = await say(core, 'BH-DS-TP', '/xephang');
    expect(unit!.text).toContain('Xếp hạng Chấp hành viên');
    const [officer] = await say(core, 'BH-DS-CHV01', '/xephang');
    expect(officer!.text).toBe('Bạn không có quyền dùng lệnh /xephang ở đây.');
  });

  it('shows how many of the four targets each unit or officer meets, and no targets for an officer without their own', async () => {
    const [province] = await say(core, 'BH-CT', '/xephang');
    expect(province!.text).toContain('Chỉ tiêu');
    expect(province!.text.match(/đạt ([0-3]\/4|cả 04)/g)?.length).toBeGreaterThanOrEqual(9);
    // The demo gives every officer targets; take one officer's away: the unit's do not stand in.
    const [officer] = await handle.db.select({ id: staff.id, name: staff.fullName }).from(staff).where(eq(staff.code, 'BH-DS-CHV02'));
    await handle.db.delete(targets).where(and(eq(targets.officerId, officer!.id), eq(targets.workYear, 2027)));
    const [unit] = await say(core, 'BH-DS-TP', '/xephang');
    const lines = unit!.text.split('\n');
    expect(lines.filter((l) => l.includes('chưa giao chỉ tiêu') && !l.startsWith('✓'))).toEqual([expect.stringContaining(officer!.name)]);
    expect(lines.filter((l) => /đạt ([0-3]\/4|cả 04)/.test(l)).length).toBeGreaterThanOrEqual(1);
  });

  it('lists only an officer’s own overdue cases', async () => {
    const [mine] = await say(core, 'BH-TB-CHV01', '/quahan');
    const [all] = await say(core, 'BH-TB-TP', '/quahan');
    const count = (text: string) => Number(text.match(/\(BH-TB\): (\d+)/)?.[1]);
    expect(count(mine!.text)).toBeLessThan(count(all!.text));
    expect(count(mine!.text)).toBeGreaterThan(0);
  });

  it('suggests the command a typo meant, and explains usage', async () => {
    expect((await say(core, 'BH-CT', '/tomtta'))[0]!.text).toBe('Không có lệnh này. Ý bạn là /tomtat?');
    expect((await say(core, 'BH-CT', '/ngonngu fr'))[0]!.text).toBe('Chưa đúng cú pháp. Cách dùng: /ngonngu vi|en');
  });

  it('switches a person’s language, and answers in it from then on', async () => {
    expect((await say(core, 'BH-HA-TP', '/language en'))[0]!.text).toBe('From now on the bot answers you in English.');
    expect((await say(core, 'BH-HA-TP', '/tomtta'))[0]!.text).toBe('No such command. Did you mean /tomtat?');
    await say(core, 'BH-HA-TP', '/ngonngu vi');
  });

  it('refuses a 10,000-character message before reading it', async () => {
    const [answer] = await say(core, 'BH-CT', `/tomtat ${'x'.repeat(10_000)}`);
    expect(answer!.text).toBe(`Tin nhắn quá dài (tối đa ${MAX_INPUT} ký tự). Vui lòng gửi ngắn gọn hơn.`);
  });

  it('apologises for its own errors, logging them with the update id, never showing a stack', async () => {
    const broken = defineCommand({
      name: 'hong',
      alias: 'broken',
      allowed: () => true,
      args: z.array(z.string()),
      run: async () => {
        throw new Error('secret internal detail');
      },
    });
    const local = { ...core, commands: [broken] };
    const [answer] = await dispatch(local, {
      text: '/hong',
      person: null,
      locale: 'vi',
      chat: { platform: 'telegram', id: '1', isPrivate: true },
      account: { platform: 'telegram', externalId: '1' },
      updateId: '4242',
    });
    expect(answer!.reply.blocks).toEqual([{ kind: 'text', text: 'Xin lỗi, đã có lỗi trong hệ thống. Vui lòng thử lại sau.' }]);
    expect(JSON.stringify(answer)).not.toContain('secret');
    expect(core.logs).toContainEqual(expect.objectContaining({ updateId: '4242', msg: 'command failed' }));
  });
});
