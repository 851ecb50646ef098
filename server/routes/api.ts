import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { requireAdminToken } from '../http/admin-auth.ts';
import type { AppEnv } from '../http/app-env.ts';
import { createImportRoutes } from './import.ts';
import { createUnitRoutes } from './units.ts';

/** The admin API under `/api`: every path behind the bearer token, unknown ones included. */
export function createApiRoutes(deps: Deps, options: { maxImportBytes: number }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireAdminToken(deps.config.adminToken));
  app.route('/units', createUnitRoutes(deps));
  app.route('/import', createImportRoutes(deps, options.maxImportBytes));
  return app;
}
