import { describe, expect, it } from 'vitest';
import { AMOUNT_ERRORS, parseAmount } from '../../bot/amount.ts';
import { enAmount } from '../../bot/i18n/en/amount.ts';
import { hasMessage, t } from '../../bot/i18n/index.ts';
import { viAmount } from '../../bot/i18n/vi/amount.ts';
import { UserError } from '../../db/errors.ts';

const accepted: [string, number][] = [
  ['1500000', 1_500_000],
  ['1.500.000', 1_500_000],
  ['1 500 000', 1_500_000],
  ['1\u00a0500\u00a0000 đ', 1_500_000],
  ['12.345', 12_345],
  ['1 500', 1_500],
  ['1.500.000,00', 1_500_000],
  ['1,5 tỷ', 1_500_000_000],
  ['1,5 ty', 1_500_000_000],
  ['1,5tỷ', 1_500_000_000],
  ['1,5 TỶ', 1_500_000_000],
  ['1,5 tỉ đồng', 1_500_000_000],
  ['1.5 tỷ', 1_500_000_000],
  ['1.25 tr', 1_250_000],
  ['1,15 tỷ', 1_150_000_000],
  ['0,5 triệu', 500_000],
  ['50tr', 50_000_000],
  ['50 TR', 50_000_000],
  ['50 triệu', 50_000_000],
  ['50 trieu', 50_000_000],
  ['50 Triệu VNĐ', 50_000_000],
  ['50trieudong', 50_000_000],
  ['50m', 50_000_000],
  ['500k', 500_000],
  ['500K', 500_000],
  ['500kđ', 500_000],
  ['1.5k', 1_500],
  ['500 nghìn', 500_000],
  ['500 nghin', 500_000],
  ['500 ngàn', 500_000],
  ['500 ngan', 500_000],
  ['1.500.000 nghìn', 1_500_000_000],
  ['2 tỷ 300 triệu', 2_300_000_000],
  ['2 ty 300 trieu', 2_300_000_000],
  ['2 tỷ 300 triệu 500 nghìn', 2_300_500_000],
  ['2 tỷ 300 triệu 500 nghìn đồng', 2_300_500_000],
  ['2 tỷ 1,5 triệu', 2_001_500_000],
  ['2 tỷ 0 triệu 5k', 2_000_005_000],
  // A bare trailing number leads the next lower unit, as it is spoken.
  ['2 tỷ 3', 2_300_000_000],
  ['2 tỷ 35', 2_350_000_000],
  ['2 tỷ 300', 2_300_000_000],
  ['2 tỷ 05', 2_050_000_000],
  ['5 triệu 2', 5_200_000],
  ['5tr2', 5_200_000],
  ['1tr5', 1_500_000],
  ['2 tỷ 300 triệu 5', 2_300_500_000],
  ['5 nghìn 2', 5_200],
  ['2 tỷ rưỡi', 2_500_000_000],
  ['1 triệu rưỡi', 1_500_000],
  ['3 nghìn tỷ', 3_000_000_000_000],
  ['1,5 nghìn tỷ', 1_500_000_000_000],
  ['1 nghìn tỷ 200 tỷ', 1_200_000_000_000],
  ['1500000d', 1_500_000],
  ['1.500.000đ', 1_500_000],
  ['1.500.000 ₫', 1_500_000],
  ['1.500.000 VND', 1_500_000],
  ['1.500.000 dong', 1_500_000],
  ['  1.500.000  ', 1_500_000],
  ['1', 1],
  ['1.000.000.000.000.000', 1e15],
];

const rejected: [string, string][] = [
  ['', 'amount.empty'],
  ['   ', 'amount.empty'],
  ['abc', 'amount.invalid'],
  ['triệu', 'amount.invalid'],
  ['đ', 'amount.invalid'],
  ['5.', 'amount.invalid'],
  ['.5 tỷ', 'amount.invalid'],
  ['1..5', 'amount.invalid'],
  ['+5', 'amount.invalid'],
  ['5 tr k', 'amount.invalid'],
  ['5 đ 3', 'amount.invalid'],
  ['1.500.000đ.', 'amount.invalid'],
  ['2 tỷ rưỡi 3', 'amount.invalid'],
  ['1.5', 'amount.ambiguous'],
  ['1.50', 'amount.ambiguous'],
  ['1.50.000', 'amount.ambiguous'],
  ['1,500', 'amount.ambiguous'],
  ['1,500,000', 'amount.ambiguous'],
  ['1,500,000.50', 'amount.ambiguous'],
  ['1.500 tỷ', 'amount.ambiguous'],
  ['1,500 tỷ', 'amount.ambiguous'],
  ['1 500 tỷ', 'amount.ambiguous'],
  ['15 00', 'amount.ambiguous'],
  ['2 tỷ 3000', 'amount.ambiguous'],
  ['2 tỷ 300 500', 'amount.ambiguous'],
  ['2 tỷ 1,5', 'amount.ambiguous'],
  ['1,5 tỷ 300 triệu', 'amount.ambiguous'],
  ['1,5 tỷ 3', 'amount.ambiguous'],
  ['5 b', 'amount.unknown_unit'],
  ['5 usd', 'amount.unknown_unit'],
  ['5 tỷ đô', 'amount.unknown_unit'],
  ['5 trăm', 'amount.unknown_unit'],
  ['300 triệu 2 tỷ', 'amount.order'],
  ['2 tỷ 3 tỷ', 'amount.order'],
  ['5 tr 3 triệu', 'amount.order'],
  ['2 tỷ 1500 triệu', 'amount.order'],
  ['1,2345 nghìn', 'amount.fraction'],
  ['1,5', 'amount.fraction'],
  ['1.500.000,5', 'amount.fraction'],
  ['0', 'amount.zero'],
  ['0 đồng', 'amount.zero'],
  ['0,0 triệu', 'amount.zero'],
  ['-5', 'amount.negative'],
  ['- 5 triệu', 'amount.negative'],
  ['−1.500.000', 'amount.negative'],
  ['1.000.000.000.000.001', 'amount.too_large'],
  ['1001 nghìn tỷ', 'amount.too_large'],
  ['9'.repeat(400), 'amount.too_large'],
];

function codeOf(input: string): string {
  try {
    parseAmount(input);
  } catch (error) {
    if (error instanceof UserError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('parseAmount', () => {
  it.each(accepted)('reads %j as %d đồng', (input, vnd) => {
    expect(parseAmount(input)).toBe(vnd);
    expect(Number.isSafeInteger(parseAmount(input))).toBe(true);
  });

  it.each(rejected)('refuses %j with %s', (input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('names the input, and the unknown unit, in the error', () => {
    const error = (() => {
      try {
        parseAmount('5 Đô');
      } catch (e) {
        return e as UserError;
      }
    })();
    // The unit is quoted lower-cased, as it was compared.
    expect(error?.params).toEqual({ value: '5 Đô', unit: 'đô' });
    expect(t('vi', error!.code, error!.params)).toContain('"đô" trong "5 Đô"');
  });

  it('echoes only the start of a very long input', () => {
    const long = 'x'.repeat(10_000);
    try {
      parseAmount(long);
      expect.unreachable();
    } catch (e) {
      expect(String((e as UserError).params.value).length).toBeLessThanOrEqual(41);
    }
  });

  it('has a message for every code in both languages, and no others', () => {
    const thrown = new Set(rejected.map(([, code]) => code));
    expect([...thrown].sort()).toEqual([...AMOUNT_ERRORS].sort());
    for (const code of AMOUNT_ERRORS) {
      expect(hasMessage('vi', code), code).toBe(true);
      expect(hasMessage('en', code), code).toBe(true);
    }
    expect(Object.keys(viAmount).sort()).toEqual([...AMOUNT_ERRORS].sort());
    expect(Object.keys(enAmount).sort()).toEqual([...AMOUNT_ERRORS].sort());
  });
});
