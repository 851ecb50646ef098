import { Hono } from 'hono';
import { importIssueMessage } from '../../bot/i18n/import-issue.ts';
import { importCsv, importKinds, isImportKind } from '../../db/import/index.ts';
import { todayIn } from '../../db/work-year.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/app-env.ts';
import { HttpError } from '../http/http-error.ts';
import { readLimited } from '../http/limited-body.ts';
import { pickLocale } from '../http/locale.ts';
import { renderMessage } from '../http/messages.ts';

/**
 * `POST /api/import/:kind[?dry_run=1]` with the CSV file as the body, as `thads import` does:
 * all or nothing, so a 422 with the issues means nothing was changed.
 */
export function createImportRoutes(deps: Deps, maxBytes: number): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!isImportKind(kind)) {
      throw new HttpError(404, 'unknown_import_kind', { kind, kinds: importKinds.join(', ') }, { body: { kinds: importKinds } });
    }
    const type = c.req.header('content-type') ?? '';
    // A browser-style form upload would be parsed as CSV text with boundaries in it: refuse clearly.
    if (/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) throw new HttpError(415, 'unsupported_media_type');
    const length = Number(c.req.header('content-length') ?? Number.NaN);
    if (length > maxBytes) throw new HttpError(413, 'payload_too_large', { max: maxBytes });

    const body = c.req.raw.body;
    const result = await importCsv(deps.db, kind, body ? readLimited(body, maxBytes) : '', {
      dryRun: isTrue(c.req.query('dry_run')),
      actor: { label: 'admin API' },
      channel: 'api',
      today: todayIn(deps.config.timeZone, deps.now()),
      changes: deps.cache,
    });
    if (result.issues.length > 0) {
      const locale = pickLocale(c.req.header('accept-language'), deps.config.defaultLocale);
      const issues = result.issues.map((issue) => ({
        line: issue.line,
        column: issue.column,
        code: issue.code,
        message: importIssueMessage(locale, issue),
      }));
      const message = renderMessage(locale, 'invalid_csv');
      return c.json({ error: 'invalid_csv', message, kind, rows: result.rows, issues, truncated: result.truncated }, 422);
    }
    const { rows, inserted, updated, dryRun } = result;
    return c.json({ kind: result.kind, rows, inserted, updated, dry_run: dryRun });
  });
  return app;
}

// `?dry_run`, `?dry_run=1`, `=true`, `=yes` all ask for a dry run; absent or `0`/`false`/`no` do not.
function isTrue(flag: string | undefined): boolean {
  return flag !== undefined && !/^(0|false|no|off)$/i.test(flag);
}
