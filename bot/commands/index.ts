import type { Command } from '../core/command.ts';
import { answerCommand } from './answer-question.ts';
import { askCommand } from './ask-question.ts';
import { cancelCommand } from './cancel.ts';
import { caseCommand } from './case-details.ts';
import { deadlineCommand } from './deadline.ts';
import { createHelpCommand } from './help.ts';
import { inspectionsCommand } from './inspections.ts';
import { languageCommand } from './language.ts';
import { linkCommand } from './link.ts';
import { myCasesCommand } from './my-cases.ts';
import { overdueCommand } from './overdue.ts';
import { rankingCommand } from './ranking.ts';
import { remedyCommand } from './remedy.ts';
import { signInCommand } from './sign-in.ts';
import { summaryCommand } from './summary.ts';
import { updateCommand } from './update.ts';

/** Every chat command, in the order help lists them: figures, then cases, then the account. */
export const commands: Command[] = [];
commands.push(
  summaryCommand,
  rankingCommand,
  overdueCommand,
  myCasesCommand,
  caseCommand,
  updateCommand,
  deadlineCommand,
  inspectionsCommand,
  remedyCommand,
  askCommand,
  answerCommand,
  cancelCommand,
  linkCommand,
  languageCommand,
  signInCommand,
  createHelpCommand(() => commands),
);
