import { formatDateTime } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import type { ReadableUnit } from '../../db/access.ts';
import type { Person } from '../../db/identity.ts';
import { signInCommandWords } from './commands-named.ts';
import { Layout } from './layout.tsx';
import { roleLabel } from './role-label.ts';
import { PersonaCard } from './try-it/persona-card.tsx';
import type { PersonaOffer } from './try-it/persona-routes.tsx';

/** Signed out: how to sign in, and nothing else (no figure, no name, no unit); on the demo, served locally, its personas. */
export function SignedOutPage({ locale, otherLanguage, personas }: { locale: Locale; otherLanguage: string; personas?: PersonaOffer }) {
  return (
    <Layout locale={locale} title={t(locale, 'web.signed_out.title')} otherLanguage={otherLanguage}>
      <section class="card">
        <h1>{t(locale, 'web.signed_out.title')}</h1>
        <p>{t(locale, 'web.signed_out.who')}</p>
        <p>{t(locale, 'web.signed_out.how', signInCommandWords(locale))}</p>
      </section>
      {personas && <PersonaCard locale={locale} offer={personas} />}
    </Layout>
  );
}

export interface HomeProps {
  locale: Locale;
  person: Person;
  sessionEnds: Date;
  timeZone: string;
}

/** Signed in: who they are, their title and unit, and how long the session lasts. */
export function GreetingCard({ locale, person, sessionEnds, timeZone }: Pick<HomeProps, 'locale' | 'person' | 'sessionEnds' | 'timeZone'>) {
  return (
    <section class="card">
      <h1>{t(locale, 'web.greeting', { name: person.name })}</h1>
      <dl>
        <dt>{t(locale, 'web.role')}</dt>
        <dd>{roleLabel(person, locale)}</dd>
        <dt>{t(locale, 'web.unit')}</dt>
        <dd>{`${person.unitName} (${person.unitCode})`}</dd>
      </dl>
      <p class="note">{t(locale, 'web.session.until', { until: formatDateTime(sessionEnds, timeZone, locale) })}</p>
      <p>
        <a href="/tro-chuyen">{t(locale, 'webchat.open')}</a>
      </p>
    </section>
  );
}

/** The units the access rules let them read (db/access.ts), each linking to its page. */
export function UnitsCard({ locale, units, query }: { locale: Locale; units: ReadableUnit[]; query: string }) {
  return (
    <section class="card">
      <h2>{t(locale, 'web.units.title')}</h2>
      <ul id="units">
        {units.map((u) => (
          <li data-unit={u.code}>
            <a href={`/don-vi/${encodeURIComponent(u.code)}${query}`}>{`${u.name} (${u.code})`}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
