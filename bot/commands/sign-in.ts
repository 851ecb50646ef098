import { z } from 'zod';
import { issueSignInLink } from '../../db/sign-in-links.ts';
import { defineCommand } from '../core/command.ts';
import { message } from '../core/reply.ts';
import { formatDateTime } from '../format.ts';
import { t } from '../i18n/index.ts';

/** The web path a sign-in link opens (server/web/sign-in-routes.ts): Vietnamese, as the bot's commands are. */
export const SIGN_IN_PATH = '/dang-nhap';

/**
 * `dangnhap`: a one-time link to the web pages, for a linked staff member. The link signs in
 * whoever opens it, so it goes to a private chat only: asked in a group, the person is told to
 * ask privately and nothing else is said (Slack shows that note to them alone).
 */
export const signInCommand = defineCommand({
  name: 'dangnhap',
  alias: 'login',
  allowed: (p) => p !== null,
  args: z.array(z.string()).max(0),
  async run(ctx) {
    if (!ctx.chat.isPrivate) return { ...message(t(ctx.locale, 'web.link.ask_privately')), personal: true };
    const now = ctx.deps.now();
    const person = ctx.person!;
    const { token, expiresAt } = await issueSignInLink(ctx.deps.db, person.staffId, { actor: person.code, channel: ctx.account.platform, now });
    const url = `${ctx.deps.config.publicUrl}${SIGN_IN_PATH}/${token}`;
    const until = formatDateTime(expiresAt, ctx.deps.config.timeZone, ctx.locale);
    return {
      title: t(ctx.locale, 'web.link.title'),
      blocks: [
        { kind: 'text', text: t(ctx.locale, 'web.link.text', { until }) },
        { kind: 'text', text: url },
        { kind: 'context', text: t(ctx.locale, 'web.link.keep_private') },
      ],
      personal: true,
    };
  },
});
