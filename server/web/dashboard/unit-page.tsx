import type { Child } from 'hono/jsx';
import { type Locale, t } from '../../../bot/i18n/index.ts';
import { Layout } from '../layout.tsx';
import { DueThisWeek } from './due-this-week.tsx';
import { OverdueCases, OverdueFindings } from './overdue-lists.tsx';
import { keepQuery, type PageDate } from './page-context.ts';
import { RankingTable } from './ranking-table.tsx';
import { ResultsTable, TargetsTable } from './results-table.tsx';
import type { UnitDashboard } from './unit-data.ts';

export interface UnitPageProps {
  locale: Locale;
  data: UnitDashboard;
  date: PageDate;
  /** `lang` when the page was asked in a language (kept in links and the date form). */
  lang: string | undefined;
  /** Where the date form sends the person: this page. */
  path: string;
  csrf: string;
  otherLanguage: string;
  /** The XLSX download: for those who may read the whole report (leaders). */
  canDownload: boolean;
  /** Shown above the figures (the home page's greeting). */
  before?: Child;
  /** Shown below them (the home page's list of units). */
  after?: Child;
}

/** The date picker: a GET form, no script; `lang` rides along when the page was asked in one. */
function DateForm({ locale, date, lang, path }: Pick<UnitPageProps, 'locale' | 'date' | 'lang' | 'path'>) {
  return (
    <form method="get" action={path} class="dates">
      <label>
        {`${t(locale, 'dash.as_of')} `}
        <input type="date" name="at" value={date.at} />
      </label>
      {lang !== undefined && <input type="hidden" name="lang" value={lang} />}
      <button type="submit">{t(locale, 'dash.show')}</button>
    </form>
  );
}

/**
 * A unit's page: a province's units ranked, or a local unit's officers; the results table and
 * the targets; the chart; the overdue cases and findings; what falls due this week.
 */
export function UnitPage(props: UnitPageProps) {
  const { locale, data, date, lang, path, csrf, otherLanguage, canDownload } = props;
  const query = keepQuery({ lang });
  const code = encodeURIComponent(data.unit.code);
  const chart = data.unit.kind === 'province' && data.ranking ? 'ty-le' : 'thang';
  const chartTitle = chart === 'thang' ? 'dash.chart.monthly' : 'dash.chart.units';
  return (
    <Layout locale={locale} title={data.unit.name} signOut={{ csrf }} otherLanguage={otherLanguage}>
      {props.before}
      <section class="card" id="unit" data-unit-page={data.unit.code}>
        {props.before ? <h2>{data.unit.name}</h2> : <h1>{data.unit.name}</h1>}
        <DateForm locale={locale} date={date} lang={lang} path={path} />
        {date.badDate !== null && (
          <p class="alert" id="bad-date" role="alert">
            {date.badDate}
          </p>
        )}
        {canDownload && (
          <p>
            <a class="button" id="download" href={`/don-vi/${code}/bao-cao.xlsx${keepQuery({ at: data.at, lang })}`}>
              {t(locale, 'dash.download')}
            </a>
          </p>
        )}
      </section>
      {/* A unit of the ranking opens on the same day as this page. */}
      {data.ranking && <RankingTable ranking={data.ranking} locale={locale} query={keepQuery({ at: date.asked, lang })} />}
      <ResultsTable s={data.summary} locale={locale} />
      <TargetsTable s={data.summary} locale={locale} />
      <section class="card" id="chart">
        <h2>{t(locale, chartTitle)}</h2>
        <img src={`/don-vi/${code}/bieu-do/${chart}.png${keepQuery({ at: data.at, lang })}`} alt={t(locale, chartTitle)} width="1280" height="720" />
      </section>
      {data.overdue && <OverdueCases overdue={data.overdue} unitNames={data.unitNames} locale={locale} query={query} />}
      {data.overdue && <OverdueFindings overdue={data.overdue} unitNames={data.unitNames} locale={locale} />}
      {data.week && <DueThisWeek week={data.week} locale={locale} query={query} />}
      {props.after}
    </Layout>
  );
}
