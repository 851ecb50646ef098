import { formatCount, formatDate } from '../../bot/format.ts';
import { t } from '../../bot/i18n/index.ts';
import { UserError } from '../../db/errors.ts';
import { todayIn } from '../../db/work-year.ts';
import { type CliCommand, writeLine } from './types.ts';

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  args: [],
  flags: [],
  async run(deps, args, io) {
    const { locale } = args;
    // Loaded on demand: only this command needs the demo generator.
    const { DEMO_PROVINCE_CODE, DemoAlreadyLoadedError, isDemoCodeTaken, seedDemo } = await import('../../db/demo/index.ts');
    // Loading twice would fail half-way on unique codes; say so plainly instead.
    if (await isDemoCodeTaken(deps.db)) throw new UserError('cli.demo.exists', { unit: DEMO_PROVINCE_CODE });
    // The demo's dates are spread around "today" where its users are, not where the server is.
    const today = todayIn(deps.config.timeZone, deps.now());
    const counts = await seedDemo(deps.db, { today, changes: deps.cache }).catch((error: unknown) => {
      // Another process loaded it between the check above and the transaction.
      if (error instanceof DemoAlreadyLoadedError) throw new UserError('cli.demo.exists', { unit: DEMO_PROVINCE_CODE });
      throw error;
    });
    const n = (value: number) => formatCount(value, locale);
    writeLine(
      io.stdout,
      t(locale, 'cli.demo.loaded', {
        unit: DEMO_PROVINCE_CODE,
        today: formatDate(today, locale),
        units: n(counts.units),
        staff: n(counts.staff),
        cases: n(counts.cases),
        collections: n(counts.collections),
        targets: n(counts.targets),
        findings: n(counts.findings),
      }),
    );
    writeLine(io.stdout, t(locale, 'cli.demo.try', { unit: DEMO_PROVINCE_CODE }));
    return 0;
  },
};
