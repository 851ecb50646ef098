import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.ts';
import type { AppEnv } from './app-env.ts';

/**
 * One child logger per request, tagged with its id, and one line when it ends. Only the method,
 * path (no query), status and duration are logged: never headers (Authorization) nor the body,
 * nor a sign-in link's token (redactPath).
 */
export function logRequests(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const log = logger.child({ req_id: c.get('requestId'), method: c.req.method, path: redactPath(c.req.path) });
    c.set('log', log);
    await next();
    const line = { status: c.res.status, duration_ms: Math.round(performance.now() - started) };
    // Health probes come every few seconds from load balancers: keep them out of the info log.
    if (c.req.path === '/healthz' && c.res.ok) log.debug(line, 'request');
    else log.info(line, 'request');
  };
}

/** A sign-in link's path without its token: whoever reads the logs must not be able to sign in with it. */
export function redactPath(path: string): string {
  return path.replace(/^\/dang-nhap\/[^/]+/, '/dang-nhap/…');
}
