import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { formatDateTime } from '../../bot/format.ts';
import { t } from '../../bot/i18n/index.ts';
import { queryRows } from '../../db/client.ts';
import type { Config } from '../config.ts';
import { type CliCommand, writeLine } from './types.ts';

interface JournalEntry {
  tag: string;
  when: number;
}

// drizzle stores each applied migration's folderMillis (`when`), not its name: the journal maps back.
const journalUrl = new URL('../../db/migrations/meta/_journal.json', import.meta.url);

export const migrateCommand: CliCommand = {
  name: 'migrate',
  args: [],
  flags: [],
  // Opening the database (createDeps → createDb) has already migrated it, under a lock on
  // PostgreSQL; this command reports what is now applied.
  async run(deps, args, io) {
    const { locale } = args;
    const journal = (JSON.parse(readFileSync(journalUrl, 'utf8')) as { entries: JournalEntry[] }).entries;
    const applied = await queryRows<{ created_at: string | number }>(
      deps.db,
      sql`select created_at from drizzle.__drizzle_migrations order by created_at`,
    );
    const appliedAt = new Set(applied.map((r) => Number(r.created_at)));
    const latest = [...journal].reverse().find((e) => appliedAt.has(e.when));
    writeLine(io.stdout, t(locale, 'cli.migrate.database', { database: describeDatabase(deps.config) }));
    writeLine(
      io.stdout,
      t(locale, deps.dbHandle.isNew ? 'cli.migrate.created' : 'cli.migrate.up_to_date', {
        applied: applied.length,
        known: journal.length,
        latest: latest ? `${latest.tag} (${formatDateTime(new Date(latest.when), deps.config.timeZone, locale)})` : '—',
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
