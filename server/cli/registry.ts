import { deliveriesCommand } from './deliveries.ts';
import { importCommand } from './import.ts';
import { jobsListCommand } from './jobs-list.ts';
import { jobsRunCommand } from './jobs-run.ts';
import { linkCodeCommand } from './link-code.ts';
import { migrateCommand } from './migrate.ts';
import { overdueCommand } from './overdue.ts';
import { questionsCommand } from './questions.ts';
import { rankingCommand } from './ranking.ts';
import { reportCommand } from './report.ts';
import { seedDemoCommand } from './seed-demo.ts';
import { summaryCommand } from './summary.ts';
import type { CliCommand } from './types.ts';

/** Every command, in the order the usage lists them; the usage is generated from this list. */
export const commands: readonly CliCommand[] = [
  migrateCommand,
  importCommand,
  summaryCommand,
  rankingCommand,
  overdueCommand,
  reportCommand,
  questionsCommand,
  linkCodeCommand,
  seedDemoCommand,
  jobsRunCommand,
  jobsListCommand,
  deliveriesCommand,
];

export function findCommand(name: string): CliCommand | undefined {
  return commands.find((c) => c.name === name);
}
