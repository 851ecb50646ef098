import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// Enumerations are text columns checked by zod at the edges (CSV, chat, API): adding a
// value later is then a code change, not a migration that locks big tables.
export const unitKinds = ['province', 'local'] as const;
export const staffRoles = [
  'province_head',
  'province_deputy',
  'unit_head',
  'unit_deputy',
  'officer',
  'inspector',
  'clerk',
  'accountant',
] as const;
export const caseStatuses = [
  'enforcing',
  'postponed',
  'suspended',
  'no_conditions',
  'completed',
  'terminated',
  'entrusted',
  'withdrawn',
] as const;
/**
 * `prison`: the debtor serves a prison term with 2 years or more left; `unknown_address`: the
 * debtor's whereabouts are unknown. Either makes re-verification yearly (Law on THADS, Article 44).
 */
export const caseFlags = ['credit', 'complex', 'complaint', 'prison', 'unknown_address'] as const;
export const channels = ['telegram', 'slack', 'console', 'api', 'import', 'job', 'web'] as const;
export const inspectionKinds = ['comprehensive', 'thematic', 'unannounced', 'self'] as const;
export const findingStatuses = ['open', 'reported', 'closed'] as const;
export const chatPlatforms = ['telegram', 'slack'] as const;
export const unitChannelPurposes = ['unit', 'leaders'] as const;

export type UnitKind = (typeof unitKinds)[number];
export type StaffRole = (typeof staffRoles)[number];
export type CaseStatus = (typeof caseStatuses)[number];
export type Channel = (typeof channels)[number];
export type ChatPlatform = (typeof chatPlatforms)[number];
export type UnitChannelPurpose = (typeof unitChannelPurposes)[number];

const money = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** The organisation tree: a province-level unit (Cục / THADS tỉnh) and its local units. */
export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').$type<UnitKind>().notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('units_parent_idx').on(t.parentId)],
);

/**
 * A unit's group or channel on a chat platform, like a person's chat accounts: the unit's own
 * ('unit': the one units.csv names, where the jobs post), or its leaders' ('leaders': a
 * province's second group). A unit may have them on several platforms; at most one of each
 * purpose per platform. Two units may share one group.
 */
export const unitChannels = pgTable(
  'unit_channels',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    platform: text('platform').$type<ChatPlatform>().notNull(),
    chatId: text('chat_id').notNull(),
    purpose: text('purpose').$type<UnitChannelPurpose>().notNull().default('unit'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.platform, t.chatId] }),
    unique('unit_channels_purpose_uq').on(t.unitId, t.platform, t.purpose),
    // Whose group is this (a message bounced from it).
    index('unit_channels_chat_idx').on(t.platform, t.chatId),
  ],
);

export const staff = pgTable(
  'staff',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    fullName: text('full_name').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    role: text('role').$type<StaffRole>().notNull(),
    locale: text('locale').$type<'vi' | 'en'>(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('staff_unit_idx').on(t.unitId)],
);

/** Units a provincial leader oversees (Lãnh đạo Cục phụ trách địa bàn): escalations go to them. */
export const staffOversees = pgTable(
  'staff_oversees',
  {
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.unitId] }), index('staff_oversees_unit_idx').on(t.unitId)],
);

/** A chat account linked to a staff record, from staff.csv or a one-time link code. */
export const chatIdentities = pgTable(
  'chat_identities',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').$type<ChatPlatform>().notNull(),
    externalId: text('external_id').notNull(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    source: text('source').$type<'import' | 'link'>().notNull(),
    linkedAt: createdAt(),
  },
  (t) => [
    unique('chat_identities_account_uq').on(t.platform, t.externalId),
    unique('chat_identities_staff_uq').on(t.platform, t.staffId),
  ],
);

/** One-time codes printed by `thads link-code`; only a hash is stored. */
export const linkCodes = pgTable('link_codes', {
  codeHash: text('code_hash').primaryKey(),
  staffId: integer('staff_id')
    .notNull()
    .references(() => staff.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** Failed link attempts, to limit guessing per chat account. */
export const linkAttempts = pgTable(
  'link_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    platform: text('platform').$type<ChatPlatform>().notNull(),
    externalId: text('external_id').notNull(),
    attemptedAt: createdAt(),
  },
  (t) => [index('link_attempts_account_idx').on(t.platform, t.externalId, t.attemptedAt)],
);

/**
 * One enforcement decision (việc thi hành án). `status`/`status_date` mirror the latest row of
 * case_status_history and `prev_status`/`prev_status_date` the one before it (null: none), so
 * that the status on almost any date needs no history lookup (db/case-status.ts keeps them).
 */
export const cases = pgTable(
  'cases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull().unique(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    officerId: integer('officer_id').references(() => staff.id),
    decisionNo: text('decision_no').notNull(),
    decisionDate: day('decision_date').notNull(),
    acceptedDate: day('accepted_date').notNull(),
    amount: money('amount').notNull(),
    status: text('status').$type<CaseStatus>().notNull().default('enforcing'),
    statusDate: day('status_date').notNull(),
    prevStatus: text('prev_status').$type<CaseStatus>(),
    prevStatusDate: day('prev_status_date'),
    verifiedOn: day('verified_on'),
    dueDate: day('due_date'),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Covers every column the "as of a date" numbers read, so a unit's books are one
    // index-only range scan (columns past the first two are carried, not searched).
    index('cases_unit_books_idx').on(
      t.unitId,
      t.acceptedDate,
      t.statusDate,
      t.status,
      t.amount,
      t.id,
      t.officerId,
      t.decisionDate,
      t.verifiedOn,
      t.dueDate,
      t.prevStatusDate,
      t.prevStatus,
    ),
    index('cases_officer_idx').on(t.officerId),
  ],
);

/** Every status a case has held, each from its own effective date. */
export const caseStatusHistory = pgTable(
  'case_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    status: text('status').$type<CaseStatus>().notNull(),
    effectiveDate: day('effective_date').notNull(),
    source: text('source').$type<Channel>().notNull(),
    staffId: integer('staff_id').references(() => staff.id),
    createdAt: createdAt(),
  },
  // In the order of "latest row on or before a date", so that lookup reads one index entry.
  (t) => [index('case_status_history_case_idx').on(t.caseId, t.effectiveDate, t.id, t.status)],
);

/**
 * Money collected for a case on a day (thực thu). `unit_id` repeats the case's unit (writers set
 * it; a case moved to another unit moves its collections) so that a unit's money as of a date is
 * one index-only range scan instead of a probe per case.
 */
export const collections = pgTable(
  'collections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    collectedOn: day('collected_on').notNull(),
    amount: money('amount').notNull(),
    source: text('source').$type<Channel>().notNull(),
    staffId: integer('staff_id').references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('collections_case_idx').on(t.caseId, t.collectedOn),
    index('collections_unit_idx').on(t.unitId, t.collectedOn, t.caseId, t.amount),
  ],
);

/** Verifications of the debtor's conditions (xác minh điều kiện thi hành án). */
export const verifications = pgTable(
  'verifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    verifiedOn: day('verified_on').notNull(),
    note: text('note'),
    staffId: integer('staff_id').references(() => staff.id),
    source: text('source').$type<Channel>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('verifications_case_idx').on(t.caseId)],
);

export const notes = pgTable(
  'notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    staffId: integer('staff_id').references(() => staff.id),
    body: text('body').notNull(),
    source: text('source').$type<Channel>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('notes_case_idx').on(t.caseId)],
);

/** Who changed what, through which channel, and when. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: createdAt(),
    staffId: integer('staff_id').references(() => staff.id),
    actor: text('actor').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityCode: text('entity_code'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityCode), index('audit_log_at_idx').on(t.at)],
);

/** The four targets (chỉ tiêu) per unit, or per officer of a unit, and work year. */
export const targets = pgTable(
  'targets',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    officerId: integer('officer_id').references(() => staff.id),
    workYear: smallint('work_year').notNull(),
    casesRate: numeric('cases_rate', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    moneyRate: numeric('money_rate', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    carriedCasesCut: numeric('carried_cases_cut', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    carriedMoneyCut: numeric('carried_money_cut', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('targets_scope_uq').on(t.unitId, t.officerId, t.workYear).nullsNotDistinct()],
);

export const inspections = pgTable(
  'inspections',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').$type<(typeof inspectionKinds)[number]>().notNull(),
    concludedOn: day('concluded_on').notNull(),
    title: text('title').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [index('inspections_unit_idx').on(t.unitId)],
);

/** A shortcoming in an inspection conclusion, with its remedy, owner and deadline. */
export const findings = pgTable(
  'findings',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    remedy: text('remedy').notNull(),
    responsibleId: integer('responsible_id').references(() => staff.id),
    dueDate: day('due_date').notNull(),
    status: text('status').$type<(typeof findingStatuses)[number]>().notNull().default('open'),
    reportedNote: text('reported_note'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [index('findings_inspection_idx').on(t.inspectionId), index('findings_due_idx').on(t.status, t.dueDate)],
);

/** What happens to a finding after its inspection: its remedy reported, closed after follow-up (phúc tra), or reopened. */
export const findingEventKinds = ['reported', 'closed', 'reopened'] as const;
export type FindingEventKind = (typeof findingEventKinds)[number];

/** A finding's own history, in order: each step with who made it, through which channel, and the note or reason. */
export const findingEvents = pgTable(
  'finding_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<FindingEventKind>().notNull(),
    at: createdAt(),
    staffId: integer('staff_id').references(() => staff.id),
    channel: text('channel').$type<Channel>().notNull(),
    note: text('note'),
  },
  (t) => [index('finding_events_finding_idx').on(t.findingId, t.at)],
);

/** A provincial leader's question about one case (chất vấn), answered by the unit's leaders. */
export const questions = pgTable(
  'questions',
  {
    id: serial('id').primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => cases.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    askedBy: integer('asked_by')
      .notNull()
      .references(() => staff.id),
    body: text('body').notNull(),
    askedAt: createdAt(),
    answeredBy: integer('answered_by').references(() => staff.id),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    messageRefs: jsonb('message_refs').$type<{ platform: ChatPlatform; chatId: string; messageId: string }[]>(),
  },
  (t) => [index('questions_unit_open_idx').on(t.unitId, t.answeredAt)],
);

/**
 * The outbox: one row per planned message, unique by (job, destination, period), so a rerun,
 * restart or second instance never plans or sends it twice.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    job: text('job').notNull(),
    platform: text('platform').$type<ChatPlatform>().notNull(),
    destination: text('destination').notNull(),
    period: text('period').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed' | 'unreachable'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    externalId: text('external_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('deliveries_key_uq').on(t.job, t.platform, t.destination, t.period),
    index('deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** Inbound update ids already handled (Telegram update_id, Slack event_id), so resends are no-ops. */
export const processedUpdates = pgTable(
  'processed_updates',
  {
    /** A chat platform's update ids, or the web chat's (one per form the page drew). */
    platform: text('platform').$type<ChatPlatform | 'web'>().notNull(),
    updateId: text('update_id').notNull(),
    processedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.updateId] }), index('processed_updates_at_idx').on(t.processedAt)],
);

/** When each scheduled job last ran, so a missed slot can be caught up once. */
export const jobRuns = pgTable('job_runs', {
  job: text('job').primaryKey(),
  lastSlot: timestamp('last_slot', { withTimezone: true }).notNull(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
});

/**
 * A step-by-step conversation waiting for this person's next message in this chat (the amount
 * of a collection, a note's text, a confirm button). In the database, not in memory, so that
 * it survives a restart and any server process can take the next step. Expired rows count as
 * absent; the `state` shape belongs to bot/dialogue.
 */
export const dialogues = pgTable(
  'dialogues',
  {
    platform: text('platform').$type<ChatPlatform | 'console' | 'web'>().notNull(),
    chatId: text('chat_id').notNull(),
    accountId: text('account_id').notNull(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId, t.accountId] }), index('dialogues_expires_idx').on(t.expiresAt)],
);

/**
 * One-time sign-in links sent by the bot (`dangnhap`): only the token's SHA-256 is stored, a link
 * works once (`used_at` set by the claim) and for 10 minutes (db/sign-in-links.ts).
 */
export const signInLinks = pgTable(
  'sign_in_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('sign_in_links_staff_idx').on(t.staffId)],
);

/**
 * Web sessions started by a sign-in link: the session id's SHA-256 only (the id itself lives in
 * the person's HTTP-only cookie), 12 hours, ended early by signing out (`revoked_at`).
 */
export const webSessions = pgTable(
  'web_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('web_sessions_staff_idx').on(t.staffId), index('web_sessions_expires_idx').on(t.expiresAt)],
);

/**
 * The demo province's loads (SEED_DEMO, `thads seed-demo`): the one record of "this database is
 * the demo", which the try-it pages (personas, the channels view) require; never guessed from a
 * unit's code or name, which real data could share.
 */
export const demoLoads = pgTable('demo_loads', {
  provinceCode: text('province_code').primaryKey(),
  /** The day the demo's dates were spread around. */
  today: text('today').notNull(),
  loadedAt: createdAt(),
});

/**
 * Which instance runs the job bodies when several have JOBS=on (jobs/scheduler-lease.ts): one
 * row per lease, held by `holder` until `expires_at` unless renewed; anyone may take an expired one.
 */
export const schedulerLeases = pgTable('scheduler_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * The send pace shared by every sender process (db/send-pace.ts): for each key a platform
 * limits (the bot overall, one chat, one group), the latest sends as the instants their answers
 * came (a send still in flight holds the latest instant its answer could come), and a 429's pause.
 */
export const sendPace = pgTable('send_pace', {
  key: text('key').primaryKey(),
  times: timestamp('times', { withTimezone: true, mode: 'string' }).array().notNull().default(sql`'{}'`),
  pausedUntil: timestamp('paused_until', { withTimezone: true }),
});
