import { resolve } from 'node:path';
import { DEMO_PROVINCE_CODE } from '../db/demo/index.ts';
import type { Config } from './config.ts';
import type { DemoCounts } from './demo-seed.ts';

export interface BannerFacts {
  config: Config;
  url: string;
  dbIsNew: boolean;
  demo: DemoCounts | undefined;
  /** The socket through which the CLI and the console use this server's embedded database, if served. */
  sharedAt?: string;
}

/** The first lines `npm start` prints: where it listens, on which database, how to talk to it. */
export function describeStartup({ config, url, dbIsNew, demo, sharedAt }: BannerFacts): string {
  const unit = DEMO_PROVINCE_CODE;
  const adminApi = config.adminToken
    ? `on: curl -H "Authorization: Bearer $ADMIN_TOKEN" ${url}/api/units/${unit}/summary`
    : 'off (set ADMIN_TOKEN, 16+ characters, to turn on /api/*)';
  const telegram = config.telegram
    ? `on, ${config.telegram.mode === 'webhook' ? `webhook at ${url}/telegram/webhook` : 'long polling (no public address needed)'}`
    : 'off (set TELEGRAM_BOT_TOKEN, and TELEGRAM_WEBHOOK_SECRET or TELEGRAM_MODE=polling)';
  // Only the operator knows the public https address Telegram must post to: say how to register it.
  const setWebhook =
    config.telegram?.mode === 'webhook'
      ? [
          '               register its public https address once: curl "https://api.telegram.org/bot$TELEGRAM_BOT_TOKEN/setWebhook"',
          '               -d url=https://<public host>/telegram/webhook -d secret_token="$TELEGRAM_WEBHOOK_SECRET"',
        ]
      : [];
  const slack = config.slack
    ? `on, requests at ${url}/slack/events${config.slack.apiUrl ? ` (Web API at ${config.slack.apiUrl})` : ''}`
    : 'off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)';
  // Slack must reach the app at a public https address: say where manifest.json names it.
  const slackUrl = config.slack
    ? ['               give Slack its public https address: in manifest.json, https://<public host>/slack/events (README, "Slack")']
    : [];
  // PGlite is one process's (db/pglite-lock.ts): the CLI and the console use it through this
  // server's socket (db/pglite-share.ts), or, where it is not served, only once the server stops.
  // BH-DS-CHV01 is an officer of the demo province.
  const otherProcess = (command: string) =>
    config.databaseUrl
      ? command
      : config.pgliteDir.startsWith('memory://')
        ? 'none: an in-memory database is this process\'s alone'
        : sharedAt
          ? `${command}  (in another terminal, beside this server: through its socket ${sharedAt})`
          : `${command}  (after stopping this server: PGlite takes one process at a time)`;
  const cli = otherProcess(`npm run thads -- summary ${unit}`);
  const chatConsole = otherProcess('npm run console -- --as BH-DS-CHV01');
  const lines = [
    `thads-bot is running at ${url}  (đang chạy; health: ${url}/healthz)`,
    `  Database:  ${describeDatabase(config)}${dbIsNew ? ' (new)' : ''}`,
    `  Demo data: ${demo ? describeDemo(demo) : 'not loaded now'}`,
    '  Talk to it:',
    `    CLI:       ${cli}`,
    `    Admin API: ${adminApi}`,
    `    Telegram:  ${telegram}`,
    ...setWebhook,
    `    Slack:     ${slack}`,
    ...slackUrl,
    `    Console:   ${chatConsole}`,
    `    Web:       ${config.publicUrl}/  (sign in with a link from the bot: /dangnhap; PUBLIC_URL names this address)`,
    '  Stop with Ctrl+C (dừng: Ctrl+C).',
  ];
  return `${lines.join('\n')}\n`;
}

/** Where the data lives, never with the password of a DATABASE_URL. */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'pgliteDir'>): string {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    const user = url.username ? ` as ${decodeURIComponent(url.username)}` : '';
    return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}${user}`;
  }
  if (config.pgliteDir.startsWith('memory://')) return 'PGlite in memory (nothing is kept after stop)';
  return `PGlite (embedded) in ${resolve(config.pgliteDir)}`;
}

function describeDemo(demo: DemoCounts): string {
  const n = (count: number) => count.toLocaleString('en');
  const { units, staff, cases, collections, targets, findings } = demo;
  return (
    `province ${DEMO_PROVINCE_CODE} loaded: ${n(units)} units, ${n(staff)} staff, ${n(cases)} cases, ` +
    `${n(collections)} collections, ${n(targets)} targets, ${n(findings)} inspection findings`
  );
}
