import { type CaseStatus, caseStatuses } from '../../db/schema.ts';

/** The modal's callback_id: the listener for its submission matches on it. */
export const REPORT_MODAL_ID = 'thads_report';

/** The reports of `capnhat`, by the word the command takes (bot/commands/update.ts). */
export const REPORT_ACTIONS = ['thu', 'xong', 'trangthai', 'xacminh', 'ghichu'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** What the modal carries from where it was opened to its submission. */
export interface ReportModalMetadata {
  channelId?: string;
}

/** The channel the modal was opened from; nothing when the metadata is missing or not ours. */
export function readModalMetadata(raw: string | undefined): ReportModalMetadata {
  try {
    const parsed: unknown = JSON.parse(raw ?? '');
    if (parsed && typeof parsed === 'object' && typeof (parsed as ReportModalMetadata).channelId === 'string') {
      return { channelId: (parsed as ReportModalMetadata).channelId };
    }
  } catch {
    // Empty or foreign metadata: the confirmation then goes to the person directly.
  }
  return {};
}

/** The form as submitted, each field trimmed, empty ones absent. */
export interface ReportForm {
  caseCode?: string;
  /** The action as sent; checked against REPORT_ACTIONS by the caller. */
  action?: string;
  amount?: string;
  status?: string;
  date?: string;
  note?: string;
}

type Values = Record<string, Record<string, unknown>>;

/**
 * Reads `view.state.values` (block → action → element state). Anything not shaped as Slack
 * sends it counts as empty: the payload is signed, but a field left blank looks like this too.
 */
export function readReportForm(values: Values): ReportForm {
  const element = (block: string): Record<string, unknown> => {
    const state = values[block]?.[block];
    return state && typeof state === 'object' ? (state as Record<string, unknown>) : {};
  };
  const selected = (block: string) => {
    const o = element(block).selected_option;
    return o && typeof o === 'object' ? text((o as Record<string, unknown>).value) : undefined;
  };
  const typed = (block: string) => text(element(block).value);
  const form: ReportForm = {
    caseCode: selected('case'),
    action: selected('action'),
    amount: typed('amount'),
    status: selected('status'),
    date: text(element('date').selected_date),
    note: typed('note'),
  };
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined));
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? undefined : value.trim();
}

export const isReportAction = (value: string | undefined): value is ReportAction => (REPORT_ACTIONS as readonly unknown[]).includes(value);
export const isCaseStatus = (value: string | undefined): value is CaseStatus => (caseStatuses as readonly unknown[]).includes(value);
