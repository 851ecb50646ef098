import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { describeDatabase } from '../../server/banner.ts';
import { ConfigError } from '../../server/config.ts';
import { StartupError, startServer } from '../../server/start.ts';

const silent = pino({ level: 'silent' });
const memoryEnv = { PGLITE_DIR: 'memory://', SEED_DEMO: 'never', PORT: '0', HOST: '127.0.0.1' };

describe('startServer', () => {
  it('listens, serves, tells where, and stops (twice is harmless)', async () => {
    const running = await startServer({ env: memoryEnv, logger: silent });
    try {
      expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
      expect(running.demo).toBeUndefined();
      const res = await fetch(`${running.url}/healthz`);
      expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
      expect(running.banner.split('\n')[0]).toContain(running.url);
      expect(running.banner).toMatch(/Admin API: off .*ADMIN_TOKEN/);
      expect(running.banner).toMatch(/Telegram: +off .*TELEGRAM_BOT_TOKEN/);
      expect(running.banner).toMatch(/Slack: +off .*SLACK_BOT_TOKEN/);
      // PORT=0: the web pages' default address names the port found, in links and the banner.
      expect(running.deps.config.publicUrl).toBe(running.url);
      expect(running.banner).toContain(`Web:       ${running.url}/`);
    } finally {
      await running.stop();
      await running.stop();
    }
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });

  it('refuses a bad environment before opening anything', async () => {
    await expect(startServer({ env: { ...memoryEnv, PORT: 'eighty' }, logger: silent })).rejects.toThrow(ConfigError);
    await expect(startServer({ env: { ...memoryEnv, JOB_SCHEDULES: 'monday' }, logger: silent })).rejects.toThrow(/JOB_SCHEDULES: expected a JSON object/);
    await expect(startServer({ env: { ...memoryEnv, JOB_SCHEDULES: '{"weekly-briefing":"30 7"}' }, logger: silent })).rejects.toThrow(
      /JOB_SCHEDULES: expected a cron expression of five fields/,
    );
    await expect(startServer({ env: { ...memoryEnv, JOBS_CATCH_UP_HOURS: 'soon' }, logger: silent })).rejects.toThrow(/JOBS_CATCH_UP_HOURS/);
  });

  it('says clearly when the port is taken, and closes the database it opened', async () => {
    const first = await startServer({ env: memoryEnv, logger: silent });
    try {
      const second = startServer({ env: { ...memoryEnv, PORT: String(first.port) }, logger: silent });
      await expect(second).rejects.toThrow(StartupError);
      await expect(second).rejects.toThrow(/already in use.*PORT/);
    } finally {
      await first.stop();
    }
  });
});

describe('describeDatabase', () => {
  it('names the PostgreSQL server without its password', () => {
    const text = describeDatabase({ databaseUrl: 'postgres://thads:s3cret@db.example:6543/thads', pgliteDir: '' });
    expect(text).toBe('PostgreSQL db.example:6543/thads as thads');
  });
});
