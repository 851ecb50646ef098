import { z } from 'zod';
import { setLocale } from '../../db/identity.ts';
import { defineCommand } from '../core/command.ts';
import { message } from '../core/reply.ts';
import { t } from '../i18n/index.ts';

export const languageCommand = defineCommand({
  name: 'ngonngu',
  alias: 'language',
  allowed: (p) => p !== null,
  args: z.tuple([z.enum(['vi', 'en'])]),
  async run(ctx, [locale]) {
    await setLocale(ctx.deps.db, ctx.person!.staffId, locale, ctx.deps.cache);
    return { ...message(t(locale, 'cmd.ngonngu.done'), 'success'), personal: true };
  },
});
