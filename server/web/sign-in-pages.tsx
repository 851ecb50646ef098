import { formatDateTime } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { signInCommandWords } from './commands-named.ts';
import { Layout } from './layout.tsx';

export interface ConfirmProps {
  locale: Locale;
  /** Where the form posts: the link's own path. */
  action: string;
  csrf: string;
  name: string;
  unit: string;
  expiresAt: Date;
  timeZone: string;
}

/**
 * The page a sign-in link opens. Opening it changes nothing: chat apps fetch links to preview
 * them, and would otherwise use the one-time link before its owner. The button signs in.
 */
export function ConfirmPage({ locale, action, csrf, name, unit, expiresAt, timeZone }: ConfirmProps) {
  return (
    <Layout locale={locale} title={t(locale, 'web.confirm.title')}>
      <section class="card">
        <h1>{t(locale, 'web.confirm.title')}</h1>
        <p>{t(locale, 'web.confirm.text', { name, unit })}</p>
        <form method="post" action={action}>
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="lang" value={locale} />
          <button type="submit">{t(locale, 'web.confirm.button')}</button>
        </form>
        <p class="note">{t(locale, 'web.confirm.note', { until: formatDateTime(expiresAt, timeZone, locale) })}</p>
      </section>
    </Layout>
  );
}

/** A link that cannot sign in: used, expired or unknown, and how to get a new one. */
export function RefusedLinkPage({ locale, state }: { locale: Locale; state: 'used' | 'expired' | 'unknown' }) {
  return (
    <Layout locale={locale} title={t(locale, 'web.error.title')}>
      <section class="card">
        <h1>{t(locale, 'web.error.title')}</h1>
        <p id="reason">{t(locale, `web.refused.${state}`)}</p>
        <p>{t(locale, 'web.refused.again', signInCommandWords(locale))}</p>
      </section>
    </Layout>
  );
}

/** Any other refusal or failure: what happened in one line, never its cause's details. */
export function ErrorPage({ locale, message }: { locale: Locale; message: string }) {
  return (
    <Layout locale={locale} title={t(locale, 'web.error.title')}>
      <section class="card">
        <h1>{t(locale, 'web.error.title')}</h1>
        <p id="reason">{message}</p>
        <p>
          <a href="/">{t(locale, 'web.back_home')}</a>
        </p>
      </section>
    </Layout>
  );
}
