import { z } from 'zod';
import { UserError } from '../../db/errors.ts';
import { redeemLinkCode } from '../../db/identity.ts';
import { defineCommand } from '../core/command.ts';
import { message } from '../core/reply.ts';
import { t } from '../i18n/index.ts';

export const linkCommand = defineCommand({
  name: 'lienket',
  alias: 'link',
  allowed: () => true,
  // A code may be typed in groups ("ABCD EFGH"); the words are joined back.
  args: z.array(z.string()).min(1).max(4).transform((words) => ({ code: words.join('') })),
  async run(ctx, { code }) {
    const { platform, externalId } = ctx.account;
    // On the console the person is chosen with --as, on the web by the session: no chat account to link.
    if (platform === 'console') throw new UserError('link.console');
    if (platform === 'web') throw new UserError('link.web');
    const person = await redeemLinkCode(ctx.deps.db, platform, externalId, code, ctx.deps.now(), ctx.deps.cache);
    const done = message(t(person.locale ?? ctx.locale, 'link.done', { name: person.name, unit: person.unitName }), 'success');
    return { ...done, personal: true };
  },
});
