import { formatDateTime } from '../../bot/format.ts';
import { t } from '../../bot/i18n/index.ts';
import { issueLinkCode } from '../../db/link-codes.ts';
import { type CliCommand, writeLine } from './types.ts';

export const linkCodeCommand: CliCommand = {
  name: 'link-code',
  args: ['<staff-code>'],
  flags: [],
  async run(deps, args, io) {
    const { locale } = args;
    const staffCode = args.positionals[0]!;
    const { code, expiresAt, person } = await issueLinkCode(deps.db, staffCode, {
      actor: 'thads link-code',
      channel: 'console',
      now: deps.now(),
    });
    const expires = formatDateTime(expiresAt, deps.config.timeZone, locale);
    writeLine(io.stdout, t(locale, 'cli.link.code', { code }));
    writeLine(io.stdout, t(locale, 'cli.link.for', { name: person.name, staff: person.code, unit: person.unit }));
    writeLine(io.stdout, t(locale, 'cli.link.expires', { expires, zone: deps.config.timeZone }));
    writeLine(io.stdout, t(locale, 'cli.link.how', { code }));
    return 0;
  },
};
