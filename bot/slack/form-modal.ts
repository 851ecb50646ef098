import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { isIsoDate } from '../../db/work-year.ts';
import type { Choice, FormField, FormValues, FormView } from '../forms/form.ts';
import { clipText } from '../format/clip.ts';
import { escapeMrkdwn, slackText } from './render.ts';

/** A modal's callback_id is this prefix and the form's id: one listener serves every form. */
export const FORM_CALLBACK_PREFIX = 'thads_';
export const formCallbackId = (form: string) => `${FORM_CALLBACK_PREFIX}${form}`;

/** What the modal carries from where it was opened to its submission. */
export interface ModalMetadata {
  channelId?: string;
}

/** Slack's limit on an option's text in a select. */
const OPTION_TEXT = 75;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const option = (c: Choice): PlainTextOption => ({ text: plain(clipText(c.text, OPTION_TEXT)), value: c.value });

/** A form of the core (bot/forms) as a Slack modal: each field an input block named after it. */
export function renderFormModal(view: FormView): ModalView {
  const metadata: ModalMetadata = view.origin ? { channelId: view.origin } : {};
  const blocks: KnownBlock[] = [
    ...(view.intro ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: escapeMrkdwn(slackText(view.intro)) }] }] : []),
    ...view.fields.map(inputBlock),
  ];
  return {
    type: 'modal',
    callback_id: formCallbackId(view.form),
    title: plain(view.title),
    submit: plain(view.submit),
    close: plain(view.close),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

function inputBlock(field: FormField): InputBlock {
  return {
    type: 'input',
    block_id: field.name,
    label: plain(field.label),
    element: elementOf(field),
    optional: field.optional,
    ...(field.hint ? { hint: plain(slackText(field.hint)) } : {}),
  };
}

function elementOf(field: FormField): InputBlock['element'] {
  const action_id = field.name;
  switch (field.kind) {
    case 'search':
      return { type: 'external_select', action_id, min_query_length: 0, placeholder: plain(field.placeholder), ...(field.initial ? { initial_option: option(field.initial) } : {}) };
    case 'choice':
      return { type: 'static_select', action_id, placeholder: plain(field.placeholder), options: field.options.map(option) };
    case 'text':
      return { type: 'plain_text_input', action_id, max_length: field.maxLength, ...(field.multiline ? { multiline: true } : {}) };
    case 'date':
      return { type: 'datepicker', action_id, ...(field.initial && isIsoDate(field.initial) ? { initial_date: field.initial } : {}) };
  }
}

/** The channel the modal was opened from; nothing when the metadata is missing or not ours. */
export function readModalMetadata(raw: string | undefined): ModalMetadata {
  try {
    const parsed: unknown = JSON.parse(raw ?? '');
    if (parsed && typeof parsed === 'object' && typeof (parsed as ModalMetadata).channelId === 'string') {
      return { channelId: (parsed as ModalMetadata).channelId };
    }
  } catch {
    // Empty or foreign metadata: the confirmation then goes to the person directly.
  }
  return {};
}

type Values = Record<string, Record<string, unknown>>;

/**
 * The values of `view.state.values` (block → action → element state), each trimmed, empty ones
 * absent. Anything not shaped as Slack sends it counts as empty: the payload is signed, but a
 * field left blank looks like this too.
 */
export function readFormValues(values: Values): FormValues {
  const form: FormValues = {};
  for (const [block, actions] of Object.entries(values)) {
    const state = actions?.[block];
    if (!state || typeof state !== 'object') continue;
    const element = state as Record<string, unknown>;
    const selected = element.selected_option;
    const raw =
      selected && typeof selected === 'object' ? (selected as Record<string, unknown>).value : (element.value ?? element.selected_date);
    if (typeof raw === 'string' && raw.trim() !== '') form[block] = raw.trim();
  }
  return form;
}
