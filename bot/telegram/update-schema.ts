import type { Update } from 'grammy/types';
import { z } from 'zod';

/**
 * The parts of a Telegram update the bot reads, with the types Telegram gives them. Anything
 * else in the update is left as it is: other kinds of update (edits, members joining) go to
 * grammY, which has no handler for them.
 */
const id = z.int();
const user = z.object({ id, is_bot: z.boolean(), language_code: z.string().optional() });
const chat = z.object({ id, type: z.string() });

const message = z
  .object({
    message_id: id,
    from: user.optional(),
    chat,
    text: z.string().optional(),
    reply_to_message: z.object({ message_id: id, from: z.object({ id }).optional() }).optional(),
  })
  // A service message may come without a sender; a text the bot answers may not.
  .refine((m) => m.text === undefined || m.from !== undefined, { path: ['from'], message: 'a text needs its sender' });

const callbackQuery = z.object({
  id: z.string(),
  from: user,
  data: z.string().optional(),
  // The message the button is on: absent for inline-mode messages.
  message: z.object({ chat }).optional(),
});

const update = z.object({ update_id: id, message: message.optional(), callback_query: callbackQuery.optional() });

/**
 * What makes `value` an update the bot cannot read, as `path: code` lines (never the values,
 * which may hold what people typed), or undefined when it can.
 */
export function updateIssues(value: Update): string[] | undefined {
  const result = update.safeParse(value);
  return result.success ? undefined : result.error.issues.map((i) => `${i.path.join('.') || '(update)'}: ${i.code}`);
}
