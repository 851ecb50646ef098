import { describe, expect, it } from 'vitest';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import { ConfigError, parseConfig } from '../../server/config.ts';

const rules = (value?: string) => parseConfig({ PGLITE_DIR: 'memory://', OVERDUE_RULES: value }).overdueRules;

describe('OVERDUE_RULES', () => {
  it('defaults to the law: re-verification every 6 months, yearly for prison or unknown address', () => {
    expect(rules()).toEqual(defaultOverdueRules);
    expect(rules()).toMatchObject({ reverifyMonths: 6, reverifyFlaggedMonths: 12 });
  });

  it('overrides any key, the new reverifyFlaggedMonths as the existing ones, keeping the others', () => {
    expect(rules('{"reverifyFlaggedMonths":18}')).toEqual({ ...defaultOverdueRules, reverifyFlaggedMonths: 18 });
    expect(rules('{"reverifyMonths":3,"staleMonths":24}')).toEqual({ ...defaultOverdueRules, reverifyMonths: 3, staleMonths: 24 });
  });

  it.each([
    ['{"reverifyFlaggedMonths":0}'],
    ['{"reverifyFlaggedMonths":37}'],
    ['{"reverifyFlaggedMonths":6.5}'],
    ['{"reverifyFlaggedMonths":"12"}'],
    ['{"reverifyYearly":12}'],
    ['not json'],
  ])('refuses %s, naming the variable', (value) => {
    expect(() => rules(value)).toThrow(ConfigError);
    expect(() => rules(value)).toThrow(/OVERDUE_RULES/);
  });
});
