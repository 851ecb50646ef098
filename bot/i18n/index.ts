import { enAmount } from './en/amount.ts';
import { enCase } from './en/case.ts';
import { enCharts } from './en/charts.ts';
import { enCli } from './en/cli.ts';
import { enCommands } from './en/commands.ts';
import { enCommon } from './en/common.ts';
import { enDashboard } from './en/dashboard.ts';
import { enDelivery } from './en/delivery.ts';
import { enIdentity } from './en/identity.ts';
import { enImport } from './en/import.ts';
import { enInspections } from './en/inspections.ts';
import { enInspectionReminders } from './en/inspection-reminders.ts';
import { enJobs } from './en/jobs.ts';
import { enQuestions } from './en/questions.ts';
import { enReport } from './en/report.ts';
import { enSlack } from './en/slack.ts';
import { enSlackViews } from './en/slack-views.ts';
import { enTable } from './en/table.ts';
import { enTelegram } from './en/telegram.ts';
import { enWeb } from './en/web.ts';
import { enWebchat } from './en/webchat.ts';
import { viAmount } from './vi/amount.ts';
import { viCase } from './vi/case.ts';
import { viCharts } from './vi/charts.ts';
import { viCli } from './vi/cli.ts';
import { viCommands } from './vi/commands.ts';
import { viCommon } from './vi/common.ts';
import { viDashboard } from './vi/dashboard.ts';
import { viDelivery } from './vi/delivery.ts';
import { viIdentity } from './vi/identity.ts';
import { viImport } from './vi/import.ts';
import { viInspections } from './vi/inspections.ts';
import { viInspectionReminders } from './vi/inspection-reminders.ts';
import { viJobs } from './vi/jobs.ts';
import { viQuestions } from './vi/questions.ts';
import { viReport } from './vi/report.ts';
import { viSlack } from './vi/slack.ts';
import { viSlackViews } from './vi/slack-views.ts';
import { viTable } from './vi/table.ts';
import { viTelegram } from './vi/telegram.ts';
import { viWeb } from './vi/web.ts';
import { viWebchat } from './vi/webchat.ts';
import { commandRef } from '../core/command-ref.ts';

export type Locale = 'vi' | 'en';
export type Params = Record<string, string | number>;
/**
 * A catalogue maps a message key to its text; `{name}` placeholders take params, and `{/word}`
 * names a command, which each renderer spells as its platform types it (bot/core/command-ref.ts).
 */
export type Catalogue = Record<string, string>;

// Each area of the code keeps its messages in its own file per language; they merge here.
const catalogues: Record<Locale, Catalogue> = {
  vi: { ...viCommon, ...viImport, ...viAmount, ...viCase, ...viIdentity, ...viCli, ...viCommands, ...viTelegram, ...viSlackViews, ...viJobs, ...viSlack, ...viDelivery, ...viInspections, ...viInspectionReminders, ...viQuestions, ...viTable, ...viReport, ...viCharts, ...viWeb, ...viDashboard, ...viWebchat },
  en: { ...enCommon, ...enImport, ...enAmount, ...enCase, ...enIdentity, ...enCli, ...enCommands, ...enTelegram, ...enSlackViews, ...enJobs, ...enSlack, ...enDelivery, ...enInspections, ...enInspectionReminders, ...enQuestions, ...enTable, ...enReport, ...enCharts, ...enWeb, ...enDashboard, ...enWebchat },
};

/** The message for `key` in `locale` (English, then the key itself, when missing). */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const template = catalogues[locale][key] ?? catalogues.en[key] ?? key;
  return template.replace(/\{(\/?)(\w+)\}/g, (whole, slash: string, name: string) =>
    slash ? commandRef(name) : name in params ? String(params[name]) : whole,
  );
}

/** Every key of a catalogue (tests check the texts). */
export function catalogueKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]);
}

export function hasMessage(locale: Locale, key: string): boolean {
  return key in catalogues[locale];
}
