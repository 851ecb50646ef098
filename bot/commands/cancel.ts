import { z } from 'zod';
import { defineCommand } from '../core/command.ts';
import { message } from '../core/reply.ts';
import { cancelDialogue } from '../dialogue/state.ts';
import { t } from '../i18n/index.ts';

/** `huy`: drops the step-by-step report under way in this chat; nothing is recorded. */
export const cancelCommand = defineCommand({
  name: 'huy',
  alias: 'cancel',
  allowed: (p) => p !== null,
  args: z.array(z.string()).max(0),
  async run(ctx) {
    const cancelled = await cancelDialogue(ctx);
    return message(t(ctx.locale, cancelled ? 'cmd.huy.done' : 'cmd.huy.nothing'));
  },
});
