import { z } from 'zod';
import { defaultOverdueRules, overdueRulesSchema } from '../db/overdue-rules.ts';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A comma-separated list of YYYY-MM-DD dates (empty allowed). */
const dateList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((d) => d.trim()).filter(Boolean))
  .refine((list) => list.every((d) => isoDate.test(d) && !Number.isNaN(Date.parse(d))), {
    message: 'expected dates YYYY-MM-DD separated by commas',
  });

const optional = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()));

const jsonRules = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (!s?.trim()) return {};
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON object' });
      return z.NEVER;
    }
  })
  .pipe(overdueRulesSchema.partial().strict())
  .transform((partial) => ({ ...defaultOverdueRules, ...partial }));

/**
 * The address people open (links the bot sends, the Origin a form must come from): http or
 * https, a host, nothing after it (the app answers at the root of its address).
 */
const publicUrl = z
  .string()
  .transform((s, ctx) => {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected an http:// or https:// address such as https://thads.example.vn' });
      return z.NEVER;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'expected an http:// or https:// address with no path, query or user, such as https://thads.example.vn' });
      return z.NEVER;
    }
    return url.origin;
  });

/** Five cron fields (minute hour day-of-month month day-of-week); checked again by the scheduler. */
const cronExpression = z
  .string()
  .trim()
  .refine((s) => s.split(/\s+/).length === 5, { message: 'expected a cron expression of five fields, such as "30 7 * * 1"' });

/** An optional JSON object in a variable, validated by `inner`. */
function jsonObject<T extends z.ZodType>(inner: T) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s?.trim()) return undefined;
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(inner);
}

const envSchema = z
  .object({
    DATABASE_URL: optional.refine((u) => u === undefined || /^postgres(ql)?:\/\//.test(u), {
      message: 'expected a postgres:// or postgresql:// URL',
    }),
    PGLITE_DIR: z.string().default('./data/pglite'),
    SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    PUBLIC_URL: optional.pipe(publicUrl.optional()),
    TZ_APP: z
      .string()
      .default('Asia/Ho_Chi_Minh')
      .refine(
        (tz) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        },
        { message: 'expected an IANA time zone such as Asia/Ho_Chi_Minh' },
      ),
    DEFAULT_LOCALE: z.enum(['vi', 'en']).default('vi'),
    TELEGRAM_BOT_TOKEN: optional,
    TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
    TELEGRAM_WEBHOOK_SECRET: optional,
    TELEGRAM_API_ROOT: optional.pipe(z.url().optional()),
    SLACK_BOT_TOKEN: optional,
    SLACK_SIGNING_SECRET: optional,
    SLACK_API_URL: optional.pipe(z.url().endsWith('/api/', 'expected a URL ending in /api/').optional()),
    ADMIN_TOKEN: optional.refine((t) => t === undefined || t.length >= 16, {
      message: 'expected at least 16 characters',
    }),
    JOBS: z.enum(['on', 'off']).default('on'),
    JOB_SCHEDULES: jsonObject(z.record(z.string(), cronExpression).default({})),
    JOBS_CATCH_UP_HOURS: z.coerce.number().min(0).max(168).default(12),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DAYS_OFF: dateList,
    WORKING_DAYS: dateList,
    OVERDUE_RULES: jsonRules,
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_MODE === 'webhook' && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'required when TELEGRAM_BOT_TOKEN is set and TELEGRAM_MODE is webhook',
      });
    }
    if (Boolean(env.SLACK_BOT_TOKEN) !== Boolean(env.SLACK_SIGNING_SECRET)) {
      const missing = env.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET together' });
    }
  });

export type Env = z.input<typeof envSchema>;

export interface Config {
  databaseUrl: string | undefined;
  pgliteDir: string;
  seedDemo: 'auto' | 'always' | 'never';
  port: number;
  host: string;
  /** Where people reach the server (PUBLIC_URL, default http://HOST:PORT): an origin, no trailing slash. */
  publicUrl: string;
  timeZone: string;
  defaultLocale: 'vi' | 'en';
  telegram: { token: string; mode: 'webhook' | 'polling'; webhookSecret?: string; apiRoot?: string } | undefined;
  slack: { token: string; signingSecret: string; apiUrl?: string } | undefined;
  adminToken: string | undefined;
  jobs: {
    /** JOBS=off: this process schedules nothing (another one does). */
    enabled: boolean;
    /** Cron expressions in TZ_APP by job name (JOB_SCHEDULES), over each job's default. */
    schedules: Record<string, string>;
    /** A slot missed while the server was down runs once after start if at most this late. */
    catchUpHours: number;
  };
  logLevel: string;
  calendar: { daysOff: string[]; workingDays: string[] };
  overdueRules: typeof defaultOverdueRules;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment once; throws a ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      const value = env[name];
      const shown = value === undefined ? '' : ` (got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
      return `${name}: ${i.message}${name.includes('TOKEN') || name.includes('SECRET') ? '' : shown}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    seedDemo: e.SEED_DEMO,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? new URL(`http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).origin,
    timeZone: e.TZ_APP,
    defaultLocale: e.DEFAULT_LOCALE,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? { token: e.TELEGRAM_BOT_TOKEN, mode: e.TELEGRAM_MODE, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET, apiRoot: e.TELEGRAM_API_ROOT }
      : undefined,
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? { token: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, apiUrl: e.SLACK_API_URL }
        : undefined,
    adminToken: e.ADMIN_TOKEN,
    jobs: {
      enabled: e.JOBS === 'on',
      schedules: e.JOB_SCHEDULES,
      catchUpHours: e.JOBS_CATCH_UP_HOURS,
    },
    logLevel: e.LOG_LEVEL,
    calendar: { daysOff: e.DAYS_OFF, workingDays: e.WORKING_DAYS },
    overdueRules: e.OVERDUE_RULES,
  };
}
