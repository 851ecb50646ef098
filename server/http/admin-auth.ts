import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { HttpError } from './http-error.ts';

/**
 * Guards the admin API with `Authorization: Bearer <ADMIN_TOKEN>`. Both sides are hashed first
 * so that the comparison takes the same time whatever the token's length or first wrong byte.
 * Without a token configured the API is off altogether.
 */
export function requireAdminToken(adminToken: string | undefined): MiddlewareHandler<AppEnv> {
  const expected = adminToken === undefined ? undefined : digest(adminToken);
  return async (c, next) => {
    if (expected === undefined) throw new HttpError(404, 'admin_api_off');
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      throw new HttpError(401, 'unauthorized', {}, { headers: { 'WWW-Authenticate': 'Bearer realm="thads-bot admin API"' } });
    }
    await next();
  };
}

/**
 * A secret's SHA-256: compare two of these with timingSafeEqual, so the comparison takes the
 * same time whatever the length or the first wrong byte of what was sent.
 */
export function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
