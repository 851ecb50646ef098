// The part of @cloudflare/vitest-pool-workers' `cloudflare:test` these tests use, typed without
// @cloudflare/workers-types (not a dependency of this project).
declare module 'cloudflare:test' {
  import type { ExecutionContext } from 'hono';

  export const env: Record<string, unknown>;
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };
  export function createExecutionContext(): ExecutionContext;
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>;
  export function createScheduledController(options?: { scheduledTime?: Date | number; cron?: string }): { scheduledTime: number; cron: string };
}
