import { formatDate } from '../../../bot/format.ts';
import { type Locale, t } from '../../../bot/i18n/index.ts';
import { caseFields, describeCaseEvent } from '../../../bot/commands/case-details.ts';
import type { CaseEvent, CaseFile } from '../../../db/case-timeline.ts';
import type { CaseState } from '../../../db/case-updates/index.ts';
import { Layout } from '../layout.tsx';

export interface CasePageProps {
  locale: Locale;
  state: CaseState;
  file: CaseFile;
  events: CaseEvent[];
  csrf: string;
  otherLanguage: string;
  home: string;
}

/** A case's facts and its whole timeline, in the words of the chat's `vuviec`. */
export function CasePage({ locale, state, file, events, csrf, otherLanguage, home }: CasePageProps) {
  const title = t(locale, 'cmd.vuviec.title', { case: state.code });
  return (
    <Layout locale={locale} title={title} signOut={{ csrf }} otherLanguage={otherLanguage}>
      <section class="card" id="case" data-case-page={state.code}>
        <h1>{title}</h1>
        <dl>
          {caseFields(state, file, locale).map((f) => (
            <>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </>
          ))}
        </dl>
      </section>
      <section class="card">
        <h2>{t(locale, 'cmd.vuviec.timeline').replace(/:$/, '')}</h2>
        <ol id="timeline">
          {events.map((e) => (
            <li data-event={e.kind}>{`${formatDate(e.on, locale)} · ${describeCaseEvent(e, locale)}`}</li>
          ))}
        </ol>
        <p>
          <a href={home}>{t(locale, 'dash.case.back')}</a>
        </p>
      </section>
    </Layout>
  );
}
