/**
 * The floor of the webhook bench: a bare Hono + grammY server (the app's own versions of hono,
 * @hono/node-server and grammy) whose `POST /telegram/webhook` checks the secret, hands the
 * update to grammY, and answers `/tomtat` and `/trogiup` with one fixed sendMessage to the Bot
 * API (TELEGRAM_API_ROOT) before replying 200: the same round trip as the app's route, without
 * its claim, person, command or rendering. Started by scripts/bench-webhook.ts as its own process
 * (`node --import tsx`, as `npm start` runs the app); listens on PORT, HOST 127.0.0.1.
 */
import { serve } from '@hono/node-server';
import { Bot, webhookCallback } from 'grammy';
import { Hono } from 'hono';

const port = Number(process.env.PORT);
const secret = process.env.TELEGRAM_WEBHOOK_SECRET ?? '';
const bot = new Bot(process.env.TELEGRAM_BOT_TOKEN ?? '', {
  botInfo: {
    id: 100200, is_bot: true, first_name: 'THADS', username: 'thads_bench_bot',
    can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
    can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
    can_manage_bots: false, supports_join_request_queries: false,
  },
  client: { apiRoot: process.env.TELEGRAM_API_ROOT },
});
bot.command(['tomtat', 'trogiup'], (ctx) => ctx.reply('Đã nhận.'));

const app = new Hono();
app.get('/healthz', (c) => c.json({ ok: true }));
app.post('/telegram/webhook', webhookCallback(bot, 'hono', { secretToken: secret }));

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
