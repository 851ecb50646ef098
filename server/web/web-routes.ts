import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import type { WebEnv } from '../http/web-session.ts';
import { addChatRoutes } from './chat/chat-routes.tsx';
import { addCaseRoutes } from './dashboard/case-routes.tsx';
import { addUnitFileRoutes } from './dashboard/file-routes.ts';
import { addUnitRoutes } from './dashboard/unit-routes.tsx';
import { addHomeRoutes } from './home-routes.tsx';
import { createPageErrorHandler } from './page-guards.tsx';
import { addSignInRoutes } from './sign-in-routes.tsx';
import { addChannelsRoutes } from './try-it/channels-routes.tsx';
import { addPersonaRoutes } from './try-it/persona-routes.tsx';

/**
 * The web pages (server-rendered Hono JSX): `/`, `/dang-nhap/:token`, `/dang-xuat`; the
 * dashboard's `/don-vi/:code` (its charts `bieu-do/*.png`, its `bao-cao.xlsx`) and `/viec/:code`; the web
 * chat `/tro-chuyen`; on the demo, served locally, the personas' `/xem-thu` and the channels' `/kenh`. Their
 * middleware is attached route by route, so that mounting them at the root touches no other
 * route (the webhooks, the API); their errors are pages, never a stack trace.
 */
export function createWebRoutes(deps: Deps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.onError(createPageErrorHandler(deps));
  addHomeRoutes(app, deps);
  addSignInRoutes(app, deps);
  addUnitRoutes(app, deps);
  addUnitFileRoutes(app, deps);
  addCaseRoutes(app, deps);
  addChatRoutes(app, deps);
  addPersonaRoutes(app, deps);
  addChannelsRoutes(app, deps);
  return app;
}
