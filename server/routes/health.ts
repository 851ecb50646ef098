import { Hono } from 'hono';
import { pingDatabase } from '../../db/availability.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/app-env.ts';

// A hung database must not hang the probe: load balancers give up after a few seconds anyway.
const PING_TIMEOUT_MS = 2_000;

/** `GET /healthz`: 200 when the database answers `select 1`, 503 when it fails or is too slow. */
export function createHealthRoutes(deps: Pick<Deps, 'db'>, pingTimeoutMs = PING_TIMEOUT_MS): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const failure = await pingDatabase(deps.db, pingTimeoutMs);
    if (failure === undefined) return c.json({ status: 'ok', db: 'ok' });
    c.get('log').warn({ err: failure }, 'health check: database down');
    return c.json({ status: 'degraded', db: 'down' }, 503);
  });
  return app;
}
