/**
 * Questioning (chất vấn): a province leader asks about one case, a leader of the case's unit
 * answers. A question is known in chat by its short id `CV` + its row id (`CV12`): short enough
 * to type on a phone, and "CV" reads as chất vấn. Typed `cv12` or `12` it is the same question.
 *
 * Who sees a question: the person who asked, the leaders of the province, the leaders of the
 * case's unit. Anyone else is told it does not exist, exactly as for an id that was never used.
 * Texts are stored as typed: renderers escape HTML and mentions.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { canReadCase, canReadUnit, isLeader, isProvinceLeader } from './access.ts';
import { readCase } from './case-updates/state.ts';
import { type Db, queryRows } from './rows.ts';
import { UserError } from './errors.ts';
import { checkFreeText } from './text.ts';
import type { Person } from './identity.ts';
import { auditLog, cases, type Channel, type ChatPlatform, questions, staff, units } from './schema.ts';

/** Longest question or answer: a chat message, not a report. */
export const QUESTION_MAX_LENGTH = 2000;

/** A question as the bot shows it. */
export interface Question {
  id: number;
  /** `CV12`. */
  ref: string;
  caseId: number;
  caseCode: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  askedBy: number;
  askerName: string;
  askerLocale: 'vi' | 'en' | null;
  body: string;
  askedAt: Date;
  answeredBy: number | null;
  answererName: string | null;
  answer: string | null;
  answeredAt: Date | null;
}

/** Who writes, through which channel, and when. */
export interface QuestionWrite {
  person: Person;
  channel: Channel;
  now: Date;
}

/** The short id of a question. */
export function questionRef(id: number): string {
  return `CV${id}`;
}

/** The row id a short id names (`CV12`, `cv12`, `12`), or undefined when it is none. */
export function parseQuestionRef(word: string): number | undefined {
  const match = /^(?:cv)?(\d{1,9})$/i.exec(word.trim());
  return match ? Number(match[1]) : undefined;
}

/** Trimmed text of 1..QUESTION_MAX_LENGTH characters without control characters. */
export function checkQuestionText(text: string): string {
  return checkFreeText(text, QUESTION_MAX_LENGTH, { empty: 'question.empty', tooLong: 'question.too_long', control: 'question.control_characters' });
}

/** Whether `p` may ask about a case: a province leader, about a case of their province. */
export function mayAsk(p: Person): boolean {
  return isProvinceLeader(p);
}

/** Whether `p` may answer: a leader of the unit the question was put to. */
export function mayAnswer(p: Person, q: Pick<Question, 'unitId'>): boolean {
  return isLeader(p) && p.unitId === q.unitId;
}

/** Whether `p` may see the question: its asker, the province's leaders, the unit's leaders. */
export async function maySee(db: Db, p: Person, q: Pick<Question, 'unitId' | 'askedBy'>): Promise<boolean> {
  if (p.staffId === q.askedBy) return true;
  return isLeader(p) && canReadUnit(db, p, q.unitId);
}

/** Records a province leader's question about a case; a case they may not read is not found. */
export async function askQuestion(db: Db, caseCode: string, body: string, by: QuestionWrite): Promise<Question> {
  if (!mayAsk(by.person)) throw new UserError('question.ask_not_allowed');
  const text = checkQuestionText(body);
  const row = await readCase(db, caseCode, false);
  if (!(await canReadCase(db, by.person, row))) throw new UserError('case_not_found', { case: caseCode });
  const id = await db.transaction(async (tx) => {
    const [added] = await tx
      .insert(questions)
      .values({ caseId: row.id, unitId: row.unitId, askedBy: by.person.staffId, body: text, askedAt: by.now })
      .returning({ id: questions.id });
    await audit(tx, by, 'question.ask', added!.id, { case: row.code, unit_id: row.unitId, length: [...text].length });
    return added!.id;
  });
  return (await readQuestion(db, id))!;
}

/**
 * Records the answer of a leader of the question's unit. One answer per question: a second is
 * refused (the row is locked, so two leaders answering at once get one answer and one refusal).
 */
export async function answerQuestion(db: Db, ref: string, answer: string, by: QuestionWrite): Promise<Question> {
  const q = await getVisibleQuestion(db, ref, by.person);
  if (!mayAnswer(by.person, q)) throw new UserError('question.answer_not_allowed', { question: q.ref });
  const text = checkQuestionText(answer);
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ answeredAt: questions.answeredAt }).from(questions).where(eq(questions.id, q.id)).for('update');
    if (locked?.answeredAt) throw new UserError('question.already_answered', { question: q.ref });
    await tx.update(questions).set({ answeredBy: by.person.staffId, answer: text, answeredAt: by.now }).where(eq(questions.id, q.id));
    await audit(tx, by, 'question.answer', q.id, { case: q.caseCode, length: [...text].length });
  });
  return (await readQuestion(db, q.id))!;
}

/** The question a short id names, if `p` may see it; otherwise `question.not_found`, the same for both. */
export async function getVisibleQuestion(db: Db, ref: string, p: Person): Promise<Question> {
  const id = parseQuestionRef(ref);
  const q = id === undefined ? undefined : await readQuestion(db, id);
  if (!q || !(await maySee(db, p, q))) throw new UserError('question.not_found', { question: [...ref.trim()].slice(0, 20).join('') });
  return q;
}

/** A question by row id, whoever asks (jobs, the outbox, the CLI). */
export async function readQuestion(db: Db, id: number): Promise<Question | undefined> {
  const [q] = await selectQuestions(db, eq(questions.id, id));
  return q;
}

/** The questions of a case, oldest first. */
export function listCaseQuestions(db: Db, caseId: number): Promise<Question[]> {
  return selectQuestions(db, eq(questions.caseId, caseId));
}

/** Questions of some units (or all), the open ones only with `open`, oldest first (the CLI, the reminders). */
export function listQuestions(db: Db, options: { unitIds?: number[]; open?: boolean } = {}): Promise<Question[]> {
  const where = and(
    options.unitIds ? inArray(questions.unitId, options.unitIds.length > 0 ? options.unitIds : [-1]) : undefined,
    options.open ? isNull(questions.answeredAt) : undefined,
  );
  return selectQuestions(db, where);
}

/**
 * The question a message of the bot in a chat carried: the outbox row that sent it (a question
 * posted, or reminded) records the platform's message id, and its period names the question.
 */
export async function findQuestionByMessage(db: Db, platform: ChatPlatform, chatId: string, messageId: string): Promise<number | undefined> {
  const rows = await queryRows<{ period: string }>(
    db,
    sql`select period from deliveries
        where job in ('question', 'question-reminders') and platform = ${platform} and destination = ${chatId}
          and ${messageId} = any(string_to_array(external_id, ','))
        order by id desc limit 1`,
  );
  const match = /CV(\d+)$/.exec(rows[0]?.period ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The platform's id of the message that posted the question in this chat, once it was sent. */
export async function findQuestionMessage(db: Db, platform: ChatPlatform, chatId: string, id: number): Promise<string | undefined> {
  const rows = await queryRows<{ external_id: string | null }>(
    db,
    sql`select external_id from deliveries
        where job = 'question' and platform = ${platform} and destination = ${chatId} and period = ${questionRef(id)}`,
  );
  return rows[0]?.external_id?.split(',')[0] || undefined;
}

const asker = sql<string>`(select full_name from staff a where a.id = ${questions.askedBy})`;
const askerLocale = sql<'vi' | 'en' | null>`(select locale from staff a where a.id = ${questions.askedBy})`;
const answerer = sql<string | null>`(select full_name from staff b where b.id = ${questions.answeredBy})`;

async function selectQuestions(db: Db, where: ReturnType<typeof and>): Promise<Question[]> {
  const rows = await db
    .select({
      id: questions.id,
      caseId: questions.caseId,
      caseCode: cases.code,
      unitId: questions.unitId,
      unitCode: units.code,
      unitName: units.name,
      askedBy: questions.askedBy,
      askerName: asker,
      askerLocale,
      body: questions.body,
      askedAt: questions.askedAt,
      answeredBy: questions.answeredBy,
      answererName: answerer,
      answer: questions.answer,
      answeredAt: questions.answeredAt,
    })
    .from(questions)
    .innerJoin(cases, eq(cases.id, questions.caseId))
    .innerJoin(units, eq(units.id, questions.unitId))
    .where(where)
    .orderBy(asc(questions.id));
  return rows.map((r) => ({ ...r, ref: questionRef(r.id), askedAt: new Date(r.askedAt), answeredAt: r.answeredAt ? new Date(r.answeredAt) : null }));
}

/** The unit's active head (Chi cục trưởng; at a province-level unit, its head): whom a question is addressed to. */
export async function getUnitHeads(db: Db, unitId: number): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .select({ id: staff.id, name: staff.fullName, role: staff.role })
    .from(staff)
    .where(and(eq(staff.unitId, unitId), eq(staff.active, true), inArray(staff.role, ['unit_head', 'province_head'])))
    .orderBy(asc(staff.id));
  return rows.map(({ id, name }) => ({ id, name }));
}

async function audit(tx: Db, by: QuestionWrite, action: string, id: number, details: Record<string, unknown>): Promise<void> {
  await tx.insert(auditLog).values({
    at: by.now,
    staffId: by.person.staffId,
    actor: `${by.person.code} ${by.person.name}`,
    channel: by.channel,
    action,
    entity: 'question',
    entityCode: questionRef(id),
    details,
  });
}
