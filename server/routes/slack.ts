import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { SlackApp } from '../../bot/slack/create-app.ts';
import type { AppEnv } from '../http/app-env.ts';

// Slack's largest bodies are modal submissions, a few tens of kilobytes: a megabyte stops abuse early.
const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * `POST /slack/events`: slash commands, interactivity (buttons, the modal, its options) and the
 * Events API, all at one address. The receiver checks the signature and answers within 3 s;
 * the work after the answer is declared to Workers (`waitUntil`), while Node simply runs on.
 */
export function createSlackRoutes(slack: SlackApp): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/events', bodyLimit({ maxSize: MAX_REQUEST_BYTES, onError: (c) => c.json({ error: 'payload_too_large' }, 413) }), (c) =>
    slack.handle(c.req.raw, (work) => {
      try {
        c.executionCtx.waitUntil(work);
      } catch {
        // Node has no execution context: the process keeps running until settle().
      }
    }),
  );
  return app;
}
