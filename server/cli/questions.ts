import { formatDate, renderTable, truncateText } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { listQuestions, type Question } from '../../db/questions.ts';
import { getUnitSubtree } from '../../db/units.ts';
import { todayIn } from '../../db/work-year.ts';
import { writeJson } from './report-date.ts';
import { type CliCommand, writeLine } from './types.ts';

/** A question's text in the table; `--json` gives it whole. */
const TEXT_SHOWN = 60;

/**
 * `thads questions [unit] [--open] [--json]`: the questions (chất vấn) put to a unit and the
 * units below it, or to every unit, oldest first, with who asked, when, and the answer if any.
 */
export const questionsCommand: CliCommand = {
  name: 'questions',
  args: ['[unit]'],
  flags: ['open', 'json'],
  async run(deps, args, io) {
    const code = args.positionals[0];
    const unitIds = code === undefined ? undefined : (await getUnitSubtree(deps.db, code)).unitIds;
    const rows = await listQuestions(deps.db, { ...(unitIds ? { unitIds } : {}), open: args.flags.open === true });
    if (args.flags.json) writeJson(io.stdout, rows.map(({ askerLocale: _, ...q }) => q));
    else writeLine(io.stdout, renderQuestions(rows, deps.config.timeZone, args.locale));
    return 0;
  },
};

function renderQuestions(rows: Question[], timeZone: string, locale: Locale): string {
  if (rows.length === 0) return t(locale, 'cli.questions.empty');
  const day = (at: Date) => formatDate(todayIn(timeZone, at), locale);
  const headers = ['id', 'case', 'unit', 'asked_by', 'asked_on', 'question', 'answered_by', 'answer'].map((k) => t(locale, `cli.questions.${k}`));
  return renderTable(
    headers,
    rows.map((q) => [
      q.ref,
      q.caseCode,
      q.unitCode,
      q.askerName,
      day(q.askedAt),
      truncateText(q.body.replace(/\s+/g, ' '), TEXT_SHOWN),
      q.answeredAt ? `${q.answererName ?? '—'} (${day(q.answeredAt)})` : t(locale, 'cli.questions.unanswered'),
      q.answer === null ? '' : truncateText(q.answer.replace(/\s+/g, ' '), TEXT_SHOWN),
    ]),
  );
}
