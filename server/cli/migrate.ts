import { formatDateTime } from '../../bot/format.ts';
import { t } from '../../bot/i18n/index.ts';
import { getMigrationStatus } from '../../db/migration-status.ts';
import type { Config } from '../config.ts';
import { type CliCommand, writeLine } from './types.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  args: [],
  flags: [],
  // Opening the database (createDeps → createDb) has already migrated it, under a lock on
  // PostgreSQL; this command reports what is now applied.
  async run(deps, args, io) {
    const { locale } = args;
    const status = await getMigrationStatus(deps.db);
    writeLine(io.stdout, t(locale, 'cli.migrate.database', { database: describeDatabase(deps.config) }));
    writeLine(
      io.stdout,
      t(locale, deps.dbHandle.isNew ? 'cli.migrate.created' : 'cli.migrate.up_to_date', {
        applied: status.applied,
        known: status.known,
        latest: status.latest ? `${status.latest.tag} (${formatDateTime(status.latest.madeAt, deps.config.timeZone, locale)})` : '—',
      }),
    );
    return 0;
  },
};

/** Where the data lives, without the password a DATABASE_URL may carry. */
function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `PGlite ${config.pgliteDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
