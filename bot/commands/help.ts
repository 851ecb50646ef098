import { z } from 'zod';
import type { Command } from '../core/command.ts';
import { defineCommand } from '../core/command.ts';
import { commandRef } from '../core/command-ref.ts';
import { t } from '../i18n/index.ts';

/** Built from the registry itself, so help can never drift from the commands it lists. */
export function createHelpCommand(all: () => readonly Command[]): Command {
  return defineCommand({
    name: 'trogiup',
    alias: 'help',
    allowed: () => true,
    args: z.array(z.string()).max(1),
    async run(ctx) {
      const mine = all().filter((c) => c.allowed(ctx.person));
      return {
        title: t(ctx.locale, ctx.person ? 'cmd.trogiup.title' : 'cmd.trogiup.title_stranger'),
        blocks: [
          ...mine.map((c) => ({
            kind: 'text' as const,
            text: `${t(ctx.locale, `cmd.${c.name}.usage`)} (${commandRef(c.alias)})\n${t(ctx.locale, `cmd.${c.name}.desc`)}`,
          })),
          ...(ctx.person ? [] : [{ kind: 'text' as const, text: t(ctx.locale, 'cmd.trogiup.how_to_link') }]),
        ],
      };
    },
  });
}
