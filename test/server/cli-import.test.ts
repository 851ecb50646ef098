import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../server/deps.ts';
import { runWithDeps } from '../../server/cli/main.ts';
import type { CliIo } from '../../server/cli/types.ts';
import { snapshot } from '../fixtures/import/helpers.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

const unitsHeader = 'code,name,kind,parent_code,telegram_chat_id,slack_channel_id';

// `thads import` reads the file from disk as a stream: the header's refusals must come out as
// `file:1: …` lines, exit 1, never an internal error.
describe.each(drivers)('thads import of a file with a bad header on %s', (driver) => {
  let handle: TestDb;
  let deps: Deps;
  const dir = mkdtempSync(join(tmpdir(), 'thads-cli-import-'));

  beforeAll(async () => {
    handle = await openTestDb(driver);
    deps = createTestDeps(handle, { LOG_LEVEL: 'silent' }).deps;
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function importFile(name: string, text: string, ...flags: string[]) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const out = { stdout: '', stderr: '' };
    const io: CliIo = {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      isTTY: false,
    };
    const before = await snapshot(handle.db);
    const code = await runWithDeps(deps, ['import', 'units', file, ...flags], io);
    expect(await snapshot(handle.db)).toEqual(before);
    return { code, file, ...out };
  }

  it.each([
    ['a missing column', 'code,name,kind,parent_code,telegram_chat_id\nX,Y,local,,\n', [': slack_channel_id: Dòng tiêu đề thiếu cột "slack_channel_id".']],
    ['a repeated column', `${unitsHeader},name\nX,Y,local,,,,Y\n`, [': name: Cột "name" có hai lần trong dòng tiêu đề.']],
    ['an unknown column', `${unitsHeader},note\nX,Y,local,,,,z\n`, [': note: Cột "note" không có trong mẫu của loại tệp này.']],
    ['no header row', 'X,Tỉnh X,province,,,\nX1,Khu vực,local,X,,\n', [': Dòng 1 không phải dòng tiêu đề: tệp phải bắt đầu bằng dòng tên cột code,name,kind,parent_code,telegram_chat_id,slack_channel_id.']],
    ['semicolons', `${unitsHeader.replaceAll(',', ';')}\nX;Y;local;;;\n`, [': Các cột được ngăn cách bằng dấu chấm phẩy (;): tệp CSV phải dùng dấu phẩy. Hãy lưu lại tệp dạng "CSV UTF-8 (Comma delimited)".']],
    ['tabs', `${unitsHeader.replaceAll(',', '\t')}\nX\tY\tlocal\t\t\t\n`, [': Các cột được ngăn cách bằng dấu tab: tệp CSV phải dùng dấu phẩy. Hãy lưu lại tệp dạng "CSV UTF-8 (Comma delimited)".']],
  ])('%s: file:1: lines and exit 1', async (_, text, expected) => {
    const name = `${_.replaceAll(' ', '-')}.csv`;
    for (const flags of [[], ['--dry-run']]) {
      const { code, file, stdout, stderr } = await importFile(name, text, ...flags);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe([...expected.map((line) => `${file}:1${line}`), `Không nhập gì từ ${file}: hãy sửa các lỗi trên rồi nhập lại.`, ''].join('\n'));
    }
  });

  it('says it in English too', async () => {
    const file = join(dir, 'bars.csv');
    writeFileSync(file, `${unitsHeader.replaceAll(',', '|')}\nX|Y|local|||\n`);
    const out = { stdout: '', stderr: '' };
    const io: CliIo = { stdout: { write: (s) => (out.stdout += s) }, stderr: { write: (s) => (out.stderr += s) }, isTTY: false };
    expect(await runWithDeps(deps, ['import', 'units', file, '--lang', 'en'], io)).toBe(1);
    expect(out.stderr.split('\n')[0]).toBe(
      `${file}:1: The columns are separated by vertical bars (|): a CSV file here needs commas. Save the file again as "CSV UTF-8 (Comma delimited)".`,
    );
  });
});
