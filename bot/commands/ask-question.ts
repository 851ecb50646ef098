import { z } from 'zod';
import { isProvinceLeader } from '../../db/access.ts';
import { askQuestion } from '../../db/questions.ts';
import { UserError } from '../../db/errors.ts';
import { defineCommand } from '../core/command.ts';
import { message } from '../core/reply.ts';
import { t } from '../i18n/index.ts';
import { afterWords, questionWriter } from './answer-question.ts';
import { postQuestion } from './question-messages.ts';

const PLATFORM_NAMES = { telegram: 'Telegram', slack: 'Slack' } as const;

/**
 * `chatvan <case> <question>`: a province leader questions a unit about one of its cases
 * (seed 003: "chất vấn từng vụ việc cụ thể … thông qua Chi cục trưởng"). The question is
 * recorded, then planned in the outbox for each of the unit's chats; the server's sender loop
 * sends it within seconds.
 */
export const askCommand = defineCommand({
  name: 'chatvan',
  alias: 'ask',
  allowed: (p) => p !== null && isProvinceLeader(p),
  args: z.array(z.string()),
  async run(ctx, words) {
    const [code, ...rest] = words;
    if (code === undefined || rest.length === 0) throw new UserError('core.usage', { usage: t(ctx.locale, 'cmd.chatvan.usage') });
    const body = afterWords(ctx.argsText, 1) ?? rest.join(' ');
    const q = await askQuestion(ctx.deps.db, code, body, questionWriter(ctx));
    const platforms = await postQuestion(ctx.deps, q);
    const params = { question: q.ref, case: q.caseCode, unit: q.unitName };
    if (platforms.length === 0) return message(t(ctx.locale, 'cmd.chatvan.no_channel', params), 'info');
    return message(t(ctx.locale, 'cmd.chatvan.sent', { ...params, where: platforms.map((p) => PLATFORM_NAMES[p]).join(', ') }), 'success');
  },
});
