import { formatDateTime } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import type { ReadableUnit } from '../../db/access.ts';
import type { Person } from '../../db/identity.ts';
import { signInCommandWords } from './commands-named.ts';
import { Layout } from './layout.tsx';
import { roleLabel } from './role-label.ts';

/** Signed out: how to sign in, and nothing else (no figure, no name, no unit). */
export function SignedOutPage({ locale, otherLanguage }: { locale: Locale; otherLanguage: string }) {
  return (
    <Layout locale={locale} title={t(locale, 'web.signed_out.title')} otherLanguage={otherLanguage}>
      <section class="card">
        <h1>{t(locale, 'web.signed_out.title')}</h1>
        <p>{t(locale, 'web.signed_out.who')}</p>
        <p>{t(locale, 'web.signed_out.how', signInCommandWords(locale))}</p>
      </section>
    </Layout>
  );
}

export interface HomeProps {
  locale: Locale;
  person: Person;
  units: ReadableUnit[];
  csrf: string;
  sessionEnds: Date;
  timeZone: string;
  otherLanguage: string;
}

/**
 * Signed in: who they are and the units the access rules let them read (db/access.ts). The
 * figures of those units come with the dashboard; until then the page says so, and shows none.
 */
export function HomePage({ locale, person, units, csrf, sessionEnds, timeZone, otherLanguage }: HomeProps) {
  return (
    <Layout locale={locale} title={t(locale, 'web.home.title')} signOut={{ csrf }} otherLanguage={otherLanguage}>
      <section class="card">
        <h1>{t(locale, 'web.greeting', { name: person.name })}</h1>
        <dl>
          <dt>{t(locale, 'web.role')}</dt>
          <dd>{roleLabel(person, locale)}</dd>
          <dt>{t(locale, 'web.unit')}</dt>
          <dd>{`${person.unitName} (${person.unitCode})`}</dd>
        </dl>
        <p class="note">{t(locale, 'web.session.until', { until: formatDateTime(sessionEnds, timeZone, locale) })}</p>
      </section>
      <section class="card">
        <h2>{t(locale, 'web.units.title')}</h2>
        <ul id="units">
          {units.map((u) => (
            <li data-unit={u.code}>{`${u.name} (${u.code})`}</li>
          ))}
        </ul>
        <p class="note">{t(locale, 'web.units.later')}</p>
      </section>
    </Layout>
  );
}
