/**
 * `npm run test:worker`: server/worker.ts under workerd (@cloudflare/vitest-pool-workers, the
 * wrangler.toml settings) against a throwaway PostgreSQL database made here, with Telegram's and
 * Slack's APIs answered by a loopback recorder (test/worker/prepare.ts). Needs PostgreSQL on
 * 127.0.0.1:5432 (WORKER_TEST_POSTGRES to change; it must carry a password, as Hyperdrive's
 * local connection string must).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { SLACK_SECRET, SLACK_TOKEN } from './test/helpers/slack-requests.ts';
import { prepareWorkerTest } from './test/worker/prepare.ts';

export const TELEGRAM_SECRET = 'worker-webhook-secret';

export default defineConfig({
  plugins: [
    cloudflareTest(async () => {
      const setup = await prepareWorkerTest();
      return {
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          hyperdrives: { HYPERDRIVE: setup.databaseUrl },
          bindings: {
            TELEGRAM_BOT_TOKEN: '123:worker-test',
            TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
            TELEGRAM_API_ROOT: `${setup.recorder.url}/telegram`,
            SLACK_BOT_TOKEN: SLACK_TOKEN,
            SLACK_SIGNING_SECRET: SLACK_SECRET,
            SLACK_API_URL: `${setup.recorder.url}/slack/api/`,
            SLACK_BOT_ID: 'BBOT',
            SLACK_BOT_USER_ID: 'UBOT',
            RECORDER_URL: setup.recorder.url,
            LOG_LEVEL: 'warn',
            WORKER_DRAIN_SECONDS: '20',
          },
        },
      };
    }),
  ],
  // wrangler.toml's [alias], which the pool does not read: Bolt requires both at load time.
  resolve: {
    alias: {
      undici: fileURLToPath(new URL('./server/worker-empty.cjs', import.meta.url)),
      '@slack/socket-mode': fileURLToPath(new URL('./server/worker-empty.cjs', import.meta.url)),
      // cron-parser require()s luxon; the pool's loader would hand it luxon's ES build (no exports
      // through require). wrangler's esbuild bundle resolves it right without this.
      luxon: createRequire(import.meta.url).resolve('luxon'),
    },
  },
  test: {
    include: ['test/worker/**/*.test.ts'],
    globalSetup: ['test/worker/global-setup.ts'],
    testTimeout: 60_000,
  },
});
