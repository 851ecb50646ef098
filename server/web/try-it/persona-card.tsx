import { type Locale, t } from '../../../bot/i18n/index.ts';
import { roleLabel } from '../role-label.ts';
import type { PersonaOffer } from './persona-routes.tsx';

/** On the demo, served and opened on this machine: sign in as one of its staff with a button. */
export function PersonaCard({ locale, offer }: { locale: Locale; offer: PersonaOffer }) {
  return (
    <section class="card" id="personas">
      <h2>{t(locale, 'tryit.personas.title')}</h2>
      <p class="note">{t(locale, 'tryit.personas.note')}</p>
      <ul>
        {offer.people.map((p) => (
          <li data-staff={p.code}>
            <form method="post" action="/xem-thu" class="dates">
              <input type="hidden" name="csrf" value={offer.csrf} />
              <input type="hidden" name="staff" value={p.code} />
              <input type="hidden" name="lang" value={locale} />
              <span>{`${p.name} · ${roleLabel(p, locale)} · ${p.unitName}`}</span>
              <button type="submit">{t(locale, 'tryit.personas.button', { role: roleLabel(p, locale) })}</button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
