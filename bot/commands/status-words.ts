import { UserError } from '../../db/errors.ts';
import { type CaseStatus, caseStatuses } from '../../db/schema.ts';
import { fold } from '../core/suggest.ts';
import { type Locale, t } from '../i18n/index.ts';

/**
 * The one word a button carries for each status (callback data is short), and the word the
 * usage teaches. People may also type the status code, the Vietnamese name with or without
 * diacritics and spaces ("tạm đình chỉ", "tam dinh chi", "tamdinhchi"), or a synonym below.
 */
export const statusWord: Record<CaseStatus, string> = {
  enforcing: 'dangthihanh',
  postponed: 'hoan',
  suspended: 'tamdinhchi',
  no_conditions: 'chuacodieukien',
  completed: 'xong',
  terminated: 'dinhchi',
  entrusted: 'uythac',
  withdrawn: 'thuhoi',
};

const synonyms: Record<string, CaseStatus> = {
  thihanh: 'enforcing',
  tieptuc: 'enforcing',
  tieptucthihanh: 'enforcing',
  hoanthihanh: 'postponed',
  chuacodk: 'no_conditions',
  khongcodieukien: 'no_conditions',
  thihanhxong: 'completed',
  dinhchithihanh: 'terminated',
  huyquyetdinh: 'withdrawn',
};

/** Letters only, no diacritics: the spelling-independent form words are compared in. */
const squash = (value: string) => fold(value).replace(/[^a-z]/g, '');

const known = new Map<string, CaseStatus>();
for (const status of caseStatuses) {
  for (const word of [status, statusWord[status], t('vi', `case.status.${status}`), t('en', `case.status.${status}`)]) {
    known.set(squash(word), status);
  }
}
for (const [word, status] of Object.entries(synonyms)) known.set(word, status);

/** The status some words name, or a UserError listing the words the bot understands. */
export function parseStatus(words: readonly string[], locale: Locale): CaseStatus {
  const typed = words.join(' ');
  const status = known.get(squash(typed));
  if (status) return status;
  throw new UserError('cmd.capnhat.unknown_status', { value: typed, allowed: statusWordList(locale) });
}

/** "hoan (hoãn thi hành án), tamdinhchi (…)": what to type for each status. */
export function statusWordList(locale: Locale): string {
  return caseStatuses.map((s) => `${statusWord[s]} (${t(locale, `case.status.${s}`)})`).join(', ');
}
