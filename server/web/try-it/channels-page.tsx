import { type Locale, t } from '../../../bot/i18n/index.ts';
import { Layout } from '../layout.tsx';

/** One message the jobs planned for a channel, as plain text, and whether it went. */
export interface PlannedView {
  /** When it was planned, as the page's reader writes dates. */
  at: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'unreachable';
  text: string;
}

export interface ChannelView {
  unit: string;
  platform: string;
  chatId: string;
  messages: PlannedView[];
}

export interface ChannelsPageProps {
  locale: Locale;
  csrf: string;
  channels: ChannelView[];
  /** After the button: how many messages the run planned, and how many of them were new. */
  ran?: { planned: number; added: number };
}

/** On the signed-in home, where the try-it pages are allowed: the way to the channels view. */
export function ChannelsLinkCard({ locale }: { locale: Locale }) {
  return (
    <section class="card" id="try-it">
      <p>
        <a href="/kenh">{t(locale, 'tryit.channels.title')}</a>
      </p>
      <p class="note">{t(locale, 'tryit.channels.note')}</p>
    </section>
  );
}

/**
 * The demo's unit channels and what the jobs posted to each (the outbox), with a button that runs
 * Monday's briefing now. Nothing here is sent by the page: rows wait for a configured sender.
 */
export function ChannelsPage({ locale, csrf, channels, ran }: ChannelsPageProps) {
  return (
    <Layout locale={locale} title={t(locale, 'tryit.channels.title')} signOut={{ csrf }}>
      <section class="card">
        <h1>{t(locale, 'tryit.channels.title')}</h1>
        <p class="note">{t(locale, 'tryit.channels.note')}</p>
        {ran && <p id="ran">{t(locale, 'tryit.channels.ran', { planned: ran.planned, added: ran.added })}</p>}
        <form method="post" action="/kenh">
          <input type="hidden" name="csrf" value={csrf} />
          <input type="hidden" name="lang" value={locale} />
          <button type="submit">{t(locale, 'tryit.channels.run')}</button>
        </form>
      </section>
      {channels.length === 0 && (
        <section class="card">
          <p>{t(locale, 'tryit.channels.none')}</p>
        </section>
      )}
      {channels.map((ch) => (
        <section class="card" data-channel={`${ch.platform}:${ch.chatId}`}>
          <h2>{`${ch.unit} · ${ch.platform} ${ch.chatId}`}</h2>
          {ch.messages.length === 0 && <p class="note">{t(locale, 'tryit.channels.empty')}</p>}
          {ch.messages.map((m) => (
            <div class="exchange" data-status={m.status}>
              <p class="note">{`${m.at} · ${t(locale, `tryit.channels.status.${m.status}`)}`}</p>
              <div class="scroll">
                <pre>{m.text}</pre>
              </div>
            </div>
          ))}
        </section>
      ))}
    </Layout>
  );
}
