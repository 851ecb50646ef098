import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import type { UserError } from '../../db/errors.ts';
import { getPersonByCode, type Person } from '../../db/identity.ts';
import {
  answerQuestion,
  askQuestion,
  getVisibleQuestion,
  listCaseQuestions,
  listQuestions,
  parseQuestionRef,
  questionRef,
} from '../../db/questions.ts';
import { noCache } from '../../db/result-cache.ts';
import { auditLog, questions } from '../../db/schema.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { firstCaseOf } from '../helpers/fixtures.ts';

const now = new Date('2026-11-23T02:00:00Z');

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as UserError | undefined;
  if (!error) throw new Error('not refused');
  return error.code;
}

describe.each(drivers)('questions (%s)', (driver) => {
  let handle: TestDb;
  let db: Db;
  const people: Record<string, Person> = {};
  const as = (code: string) => ({ person: people[code]!, channel: 'telegram' as const, now });
  let dsCase: string;
  let haCase: string;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    await seedDemo(db, { today: '2026-11-23', changes: noCache });
    for (const code of ['BH-CT', 'BH-PCT1', 'BH-DS-TP', 'BH-DS-PP', 'BH-DS-CHV01', 'BH-HA-TP', 'BH-KTV01']) people[code] = (await getPersonByCode(db, code))!;
    dsCase = await firstCaseOf(db, 'BH-DS-CHV01');
    haCase = await firstCaseOf(db, 'BH-HA-CHV01');
  });
  afterAll(() => handle.close());

  it('reads short ids as typed on a phone', () => {
    expect(questionRef(12)).toBe('CV12');
    expect(parseQuestionRef('CV12')).toBe(12);
    expect(parseQuestionRef(' cv12 ')).toBe(12);
    expect(parseQuestionRef('12')).toBe(12);
    expect(parseQuestionRef('CV')).toBeUndefined();
    expect(parseQuestionRef('BH-DS-2026-0001')).toBeUndefined();
  });

  it('records a province leader’s question with its audit row, and one answer by the unit’s leader', async () => {
    const q = await askQuestion(db, dsCase.toLowerCase(), '  Vì sao <b>chưa</b> xác minh @all?  ', as('BH-PCT1'));
    expect(q).toMatchObject({ caseCode: dsCase, unitCode: 'BH-DS', body: 'Vì sao <b>chưa</b> xác minh @all?', answer: null, askerName: 'Trần Thị Thu Hà' });
    expect(q.ref).toBe(`CV${q.id}`);
    const answered = await answerQuestion(db, q.ref.toLowerCase(), 'Đã xác minh ngày 20/11/2026.', as('BH-DS-PP'));
    expect(answered).toMatchObject({ answer: 'Đã xác minh ngày 20/11/2026.', answererName: 'Đỗ Thị Hồng Nhung' });
    expect(await refusal(answerQuestion(db, q.ref, 'Lần hai', as('BH-DS-TP')))).toBe('question.already_answered');
    const audit = await db.select().from(auditLog).where(eq(auditLog.entity, 'question'));
    expect(audit.map((a) => [a.action, a.entityCode])).toEqual([
      ['question.ask', q.ref],
      ['question.answer', q.ref],
    ]);
    expect((await listCaseQuestions(db, q.caseId)).map((x) => x.ref)).toEqual([q.ref]);
    expect(await listQuestions(db, { open: true })).toEqual([]);
  });

  it('shows a question to its asker, the province’s leaders and the unit’s leaders only, others as not found', async () => {
    const q = await askQuestion(db, dsCase, 'Tiến độ thu tiền?', as('BH-CT'));
    for (const code of ['BH-CT', 'BH-PCT1', 'BH-DS-TP', 'BH-DS-PP']) expect((await getVisibleQuestion(db, q.ref, people[code]!)).id).toBe(q.id);
    for (const code of ['BH-DS-CHV01', 'BH-HA-TP', 'BH-KTV01']) expect(await refusal(getVisibleQuestion(db, q.ref, people[code]!))).toBe('question.not_found');
    expect(await refusal(getVisibleQuestion(db, 'CV999999', people['BH-CT']!))).toBe('question.not_found');
    expect(await refusal(answerQuestion(db, q.ref, 'x', as('BH-HA-TP')))).toBe('question.not_found');
    expect(await refusal(answerQuestion(db, q.ref, 'x', as('BH-PCT1')))).toBe('question.answer_not_allowed');
    expect((await listQuestions(db, { unitIds: [q.unitId], open: true })).map((x) => x.ref)).toEqual([q.ref]);
  });

  it('refuses the wrong role, unknown cases, empty, control characters and 10,000 characters, changing nothing', async () => {
    const before = await db.select().from(questions);
    expect(await refusal(askQuestion(db, dsCase, 'Hỏi', as('BH-DS-TP')))).toBe('question.ask_not_allowed');
    expect(await refusal(askQuestion(db, 'BH-XX-0000', 'Hỏi', as('BH-CT')))).toBe('case_not_found');
    expect(await refusal(askQuestion(db, haCase, '   ', as('BH-CT')))).toBe('question.empty');
    expect(await refusal(askQuestion(db, haCase, 'a\u0007b', as('BH-CT')))).toBe('question.control_characters');
    expect(await refusal(askQuestion(db, haCase, 'x'.repeat(10_000), as('BH-CT')))).toBe('question.too_long');
    const open = (await listQuestions(db, { open: true }))[0]!;
    expect(await refusal(answerQuestion(db, open.ref, 'y'.repeat(10_000), as('BH-DS-TP')))).toBe('question.too_long');
    expect(await db.select().from(questions)).toEqual(before);
  });
});
