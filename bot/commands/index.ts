import type { Command } from '../core/command.ts';
import { createHelpCommand } from './help.ts';
import { languageCommand } from './language.ts';
import { linkCommand } from './link.ts';
import { overdueCommand } from './overdue.ts';
import { rankingCommand } from './ranking.ts';
import { summaryCommand } from './summary.ts';

/** Every chat command, in the order help lists them. */
export const commands: Command[] = [];
commands.push(
  summaryCommand,
  rankingCommand,
  overdueCommand,
  linkCommand,
  languageCommand,
  createHelpCommand(() => commands),
);
