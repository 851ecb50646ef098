import type { CaseState } from '../../db/case-updates/index.ts';
import type { CaseStatus } from '../../db/schema.ts';
import { isOpenStatus } from '../../db/status-rules.ts';
import type { Block, Button, Reply } from '../core/reply.ts';
import { formatDate, formatMoney } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';

export const statusLabel = (status: CaseStatus, locale: Locale) => t(locale, `case.status.${status}`);

/** Where a case stands: status and since when, then the money; what every report answers with. */
export function stateFields(s: CaseState, locale: Locale): Block {
  const fields = [
    {
      label: t(locale, 'cmd.case.status'),
      value: t(locale, 'cmd.case.status_since', { status: statusLabel(s.status, locale), date: formatDate(s.statusDate, locale) }),
    },
  ];
  if (s.amount > 0) {
    fields.push(
      { label: t(locale, 'cmd.case.amount'), value: formatMoney(s.amount, locale) },
      { label: t(locale, 'cmd.case.collected'), value: formatMoney(s.collected, locale) },
      { label: t(locale, 'cmd.case.remaining'), value: formatMoney(s.remaining, locale) },
    );
  }
  if (s.dueDate) fields.push({ label: t(locale, 'cmd.case.due'), value: formatDate(s.dueDate, locale) });
  return { kind: 'fields', fields };
}

/**
 * The answer to a progress report: what changed, then the case's new state. A collection that
 * leaves nothing owed does not complete the case by itself (db/case-updates), so the officer
 * is offered that next step as a button.
 */
export function reportReply(done: string, after: CaseState, locale: Locale): Reply {
  const paidOff = after.amount > 0 && after.remaining === 0 && isOpenStatus(after.status);
  const buttons: Button[][] = paidOff ? [[{ label: t(locale, 'cmd.capnhat.button.complete'), action: `capnhat ${after.code} xong` }]] : [];
  return {
    title: t(locale, 'cmd.case.title', { case: after.code }),
    blocks: [
      { kind: 'text', text: done },
      stateFields(after, locale),
      ...(paidOff ? [{ kind: 'text' as const, text: t(locale, 'cmd.capnhat.paid_off') }] : []),
    ],
    buttons,
    tone: 'success',
  };
}

/** A yes/no question about a proposed report: the confirm action, and cancel. */
export function confirmReply(question: string, caseCode: string, confirm: string, locale: Locale): Reply {
  return {
    title: t(locale, 'cmd.case.title', { case: caseCode }),
    blocks: [{ kind: 'text', text: question }],
    buttons: [
      [
        { label: t(locale, 'cmd.capnhat.button.confirm'), action: confirm },
        { label: t(locale, 'cmd.capnhat.button.cancel'), action: 'huy' },
      ],
    ],
  };
}
