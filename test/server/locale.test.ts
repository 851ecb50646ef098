import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../server/http/locale.ts';

describe('pickLocale', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['fr-FR,fr;q=0.9,en;q=0.5,vi;q=0.4', 'en'],
    ['vi;q=0.2,en;q=0.8', 'en'],
    ['en;q=0,vi', 'vi'],
    ['de', 'vi'],
    ['*', 'vi'],
  ] as const)('%j → %s (default vi)', (header, expected) => {
    expect(pickLocale(header, 'vi')).toBe(expected);
  });
});
