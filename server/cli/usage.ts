import { padText, textWidth } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { commands, findCommand } from './registry.ts';
import type { CliCommand, FlagName } from './types.ts';

const flagSyntax: Record<FlagName, string> = {
  at: '[--at YYYY-MM-DD]',
  json: '[--json]',
  'dry-run': '[--dry-run]',
  limit: '[--limit N]',
  now: '[--now ISO-8601]',
  failed: '[--failed]',
  open: '[--open]',
  // Not in brackets: the one command that takes it (report) needs it.
  xlsx: '--xlsx FILE',
};

function synopsis(command: CliCommand): string {
  return ['thads', command.name, ...command.args, ...command.flags.map((f) => flagSyntax[f])].join(' ');
}

/** The usage text, generated from the registry so that it never disagrees with the parser. */
export function renderUsage(locale: Locale, commandName?: string): string {
  const command = commandName ? findCommand(commandName) : undefined;
  if (command) {
    return [
      `${t(locale, 'cli.usage.title')} ${synopsis(command)}`,
      `  ${t(locale, `cli.help.${command.name}`)}`,
      '',
      t(locale, 'cli.usage.global_flags'),
    ].join('\n');
  }
  const lines = commands.map((c) => [synopsis(c), t(locale, `cli.help.${c.name}`)] as const);
  const width = Math.max(...lines.map(([s]) => textWidth(s)));
  return [
    `${t(locale, 'cli.usage.title')} thads <command> …   (npm run thads -- <command> …)`,
    '',
    ...lines.map(([s, help]) => `  ${padText(s, width)}  ${help}`),
    `  ${padText('thads help [<command>]', width)}  ${t(locale, 'cli.help.help')}`,
    '',
    t(locale, 'cli.usage.global_flags'),
    t(locale, 'cli.usage.exit_codes'),
  ].join('\n');
}
