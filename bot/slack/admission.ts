import type { Logger } from '../../server/logger.ts';
import { type Body, json } from './request-codec.ts';
import { checkBody, idsOf } from './request-schema.ts';

/**
 * The answer a signed request gets without going to Bolt, or undefined when it goes on:
 * - one the listeners cannot read (bot/slack/request-schema.ts): an empty 200, since a non-2xx
 *   would only make Slack resend it, or show the person an error;
 * - any while the database cannot be reached: 503, before the ack, since the work after the ack
 *   needs the database and an acknowledged request is never resent (Slack resends events
 *   without an ack; a command or a press shows the person Slack's own error, to try again).
 */
export async function answerBeforeBolt(body: Body, log: Logger, databaseUp?: () => Promise<boolean>): Promise<Response | undefined> {
  const check = checkBody(body);
  if (!check.ok) {
    const line = { ...idsOf(body), issues: check.issues };
    if (check.unhandled) log.info(line, 'slack request ignored: no listener for it');
    else log.warn(line, 'slack request ignored: not one the app can read');
    return new Response(null, { status: 200 });
  }
  if (databaseUp && !(await databaseUp())) {
    log.warn(idsOf(body), 'slack request refused: database unreachable');
    return json({ error: 'database_unavailable' }, 503);
  }
  return undefined;
}
