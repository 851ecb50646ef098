import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasMessage, t } from '../../bot/i18n/index.ts';
import { enImport } from '../../bot/i18n/en/import.ts';
import { viImport } from '../../bot/i18n/vi/import.ts';

const dir = new URL('../../db/import/', import.meta.url);
const used = new Set(
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/'(import\.[a-z0-9_]+)'/g)].map((m) => m[1]!)),
);

describe('import issue messages', () => {
  it('every issue code the importer emits has a Vietnamese and an English message', () => {
    expect(used.size).toBeGreaterThan(30);
    for (const code of used) {
      expect(hasMessage('vi', code), `vi ${code}`).toBe(true);
      expect(hasMessage('en', code), `en ${code}`).toBe(true);
    }
  });

  it('the catalogues hold no message the importer never emits, in both languages alike', () => {
    expect(Object.keys(viImport).sort()).toEqual([...used].sort());
    expect(Object.keys(enImport).sort()).toEqual([...used].sort());
  });

  it('the unknown-flag message names every flag, the prison and unknown-address ones included, with what each means', () => {
    const params = { value: 'tu', allowed: 'credit, complex, complaint, prison, unknown_address' };
    expect(t('vi', 'import.unknown_flag', params)).toBe(
      'Phân loại việc "tu" không hợp lệ; dùng: credit (án tín dụng, ngân hàng), complex (phức tạp, kéo dài), ' +
        'complaint (có khiếu nại, tố cáo), prison (đang chấp hành hình phạt tù còn lại từ 02 năm trở lên), ' +
        'unknown_address (không xác định được nơi cư trú), cách nhau bằng dấu chấm phẩy.',
    );
    expect(t('en', 'import.unknown_flag', params)).toBe(
      'Unknown case flag "tu"; use credit (credit institution), complex (complex or prolonged), complaint (under complaint), ' +
        'prison (serving a prison term with 2 years or more left), unknown_address (whereabouts unknown), separated by semicolons.',
    );
  });

  it('fills the parameters', () => {
    expect(t('vi', 'import.duplicate_code', { value: 'HT-001', first: 2 })).toBe('Mã "HT-001" đã có ở dòng 2 của tệp này.');
    expect(t('en', 'import.officer_not_in_unit', { value: 'DS01', unit: 'TN-HT' })).toBe(
      'The enforcement officer "DS01" does not belong to the unit TN-HT.',
    );
  });
});
