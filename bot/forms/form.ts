import type { CommandContext } from '../core/command.ts';
import type { Reply } from '../core/reply.ts';

/**
 * A form, platform-neutral: its fields, the choices they offer, how a submission is checked and
 * what it does. The core owns all of it, permissions included; a platform only draws it (a Slack
 * modal, a web page) or walks through it (Telegram's step-by-step dialogue), and hands back the
 * values as typed. Reporting progress is the first; answering a question and reporting a remedy
 * are the next.
 */
export interface Choice {
  text: string;
  value: string;
}

interface FieldBase {
  /** Its key in the values, and in the errors. */
  name: string;
  label: string;
  hint?: string;
  optional: boolean;
}

export type FormField = FieldBase &
  (
    | { kind: 'choice'; placeholder: string; options: Choice[] }
    /** A choice among many, served as the person types (FormDefinition.search). */
    | { kind: 'search'; placeholder: string; initial?: Choice }
    | { kind: 'text'; multiline: boolean; maxLength: number }
    | { kind: 'date'; initial?: string }
  );

/** A form ready to show, in the person's language. */
export interface FormView {
  /** The form's id in the registry (bot/forms/index.ts). */
  form: string;
  title: string;
  submit: string;
  close: string;
  intro?: string;
  /** Where the form was opened (a channel id): the confirmation goes back there. */
  origin?: string;
  fields: FormField[];
}

/** What was submitted: each field trimmed, empty ones absent. */
export type FormValues = Record<string, string>;

/** Refusals by field: the platform shows each beside its field, in the person's language. */
export type FieldErrors = Record<string, string>;

export type Submitted =
  | { errors: FieldErrors }
  /** Done: the confirmation; `already` when this submission had been recorded before (sent twice). */
  | { reply: Reply; already?: true };

export interface FormDefinition {
  id: string;
  /** The form to show; throws a UserError (not allowed, no such case) to be answered instead. */
  open(ctx: CommandContext, initial: FormValues): Promise<FormView> | FormView;
  /** The choices of a `search` field for what was typed so far. */
  search(ctx: CommandContext, field: string, query: string): Promise<Choice[]>;
  /** Checks every field, then records; `submissionId` is claimed with the write, so a resubmission records nothing. */
  submit(ctx: CommandContext, values: FormValues, submissionId: string): Promise<Submitted>;
}
