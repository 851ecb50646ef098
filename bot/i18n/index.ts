import { enCli } from './en/cli.ts';
import { enCommon } from './en/common.ts';
import { enImport } from './en/import.ts';
import { viCli } from './vi/cli.ts';
import { viCommon } from './vi/common.ts';
import { viImport } from './vi/import.ts';

export type Locale = 'vi' | 'en';
export type Params = Record<string, string | number>;
/** A catalogue maps a message key to its text; `{name}` placeholders take params. */
export type Catalogue = Record<string, string>;

// Each area of the code keeps its messages in its own file per language; they merge here.
const catalogues: Record<Locale, Catalogue> = {
  vi: { ...viCommon, ...viImport, ...viCli },
  en: { ...enCommon, ...enImport, ...enCli },
};

/** The message for `key` in `locale` (English, then the key itself, when missing). */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const template = catalogues[locale][key] ?? catalogues.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function hasMessage(locale: Locale, key: string): boolean {
  return key in catalogues[locale];
}
