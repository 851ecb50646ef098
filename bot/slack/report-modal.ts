import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { NOTE_MAX_LENGTH } from '../../db/case-updates/index.ts';
import { caseStatuses } from '../../db/schema.ts';
import { isIsoDate, type IsoDate } from '../../db/work-year.ts';
import { clipText } from '../format/clip.ts';
import { type Locale, t } from '../i18n/index.ts';
import { escapeMrkdwn } from './render.ts';
import { REPORT_ACTIONS, REPORT_MODAL_ID, type ReportModalMetadata } from './report-modal-fields.ts';

export { searchReportableCases } from './report-modal-search.ts';
export { submitReportModal } from './report-modal-submit.ts';
export { REPORT_MODAL_ID } from './report-modal-fields.ts';

/** Slack's limits on a modal: 24 characters of title and button text, 75 of an option's text. */
const OPTION_TEXT = 75;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(clipText(text, OPTION_TEXT)), value });

/**
 * The progress-report modal: which case, which report, then the amount, status, date and note
 * that report needs. Every field but the first two is optional here and checked on submission
 * against the report chosen, since a modal cannot show fields depending on another's value.
 * `today` (in TZ_APP) fills the date picker; without it the picker starts empty, meaning today.
 */
export function buildReportModal(locale: Locale, opts: { caseCode?: string; channelId?: string; today?: IsoDate }): ModalView {
  const metadata: ReportModalMetadata = opts.channelId ? { channelId: opts.channelId } : {};
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t(locale, 'views.modal.intro')) }] },
    input('case', locale, {
      type: 'external_select',
      action_id: 'case',
      min_query_length: 0,
      placeholder: plain(t(locale, 'views.modal.case_placeholder')),
      ...(opts.caseCode ? { initial_option: option(opts.caseCode, opts.caseCode) } : {}),
    }),
    input('action', locale, {
      type: 'static_select',
      action_id: 'action',
      placeholder: plain(t(locale, 'views.modal.action_placeholder')),
      options: REPORT_ACTIONS.map((a) => option(t(locale, `views.modal.action.${a}`), a)),
    }),
    input('amount', locale, { type: 'plain_text_input', action_id: 'amount', max_length: 60 }, true),
    input(
      'status',
      locale,
      {
        type: 'static_select',
        action_id: 'status',
        placeholder: plain(t(locale, 'views.modal.status_placeholder')),
        options: caseStatuses.map((s) => option(capitalise(t(locale, `case.status.${s}`)), s)),
      },
      true,
    ),
    input(
      'date',
      locale,
      { type: 'datepicker', action_id: 'date', ...(opts.today && isIsoDate(opts.today) ? { initial_date: opts.today } : {}) },
      true,
    ),
    input('note', locale, { type: 'plain_text_input', action_id: 'note', multiline: true, max_length: NOTE_MAX_LENGTH }, true),
  ];
  return {
    type: 'modal',
    callback_id: REPORT_MODAL_ID,
    title: plain(t(locale, 'views.modal.title')),
    submit: plain(t(locale, 'views.modal.submit')),
    close: plain(t(locale, 'views.modal.close')),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** An input block whose label and hint come from `views.modal.<block>` and `…_hint`. */
function input(block: string, locale: Locale, element: InputBlock['element'], optional = false): InputBlock {
  const hint = t(locale, `views.modal.${block}_hint`);
  return {
    type: 'input',
    block_id: block,
    label: plain(t(locale, `views.modal.${block}`)),
    element,
    optional,
    ...(hint !== `views.modal.${block}_hint` ? { hint: plain(hint) } : {}),
  };
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
