import cliProgress from 'cli-progress';
import { formatCount } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import type { CliStream } from './types.ts';

export interface Progress {
  update(bytes: number, rows: number): void;
  stop(): void;
}

/**
 * A bar on stderr (stdout stays clean for what a script reads). The total is the file's size
 * in bytes: the number of rows is not known until the end.
 */
export function startProgress(stderr: CliStream, file: string, size: number, locale: Locale): Progress {
  const bar = new cliProgress.SingleBar(
    {
      // Only ever called with a terminal (io.isTTY), which is a full WriteStream.
      stream: stderr as NodeJS.WritableStream,
      format: `${file} [{bar}] {percentage}% | ${t(locale, 'cli.import.progress_rows')}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(size, 0, { rows: '0' });
  return {
    update: (bytes, rows) => bar.update(bytes, { rows: formatCount(rows, locale) }),
    stop: () => bar.stop(),
  };
}
