import { slashSpelling, spellCommands } from '../../../bot/core/command-ref.ts';
import type { Button } from '../../../bot/core/reply.ts';
import { type Locale, t as say } from '../../../bot/i18n/index.ts';
import { Layout } from '../layout.tsx';
import type { ChatEntry } from './chat-history.ts';
import { ReplyHtml } from './reply-html.tsx';

/** Where the chat lives and its forms post. */
export const CHAT_PATH = '/tro-chuyen';

export interface ChatPageProps {
  locale: Locale;
  csrf: string;
  entries: ChatEntry[];
  /** A fresh inbound id per form drawn (crypto.randomUUID): each POST is claimed once. */
  newId: () => string;
}

/** A message with the commands it names spelled as typed in the box (`/tomtat`). */
const t = (locale: Locale, key: string) => spellCommands(say(locale, key), slashSpelling);

function Hidden({ csrf, id, locale }: { csrf: string; id: string; locale: Locale }) {
  return (
    <>
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="lang" value={locale} />
    </>
  );
}

/** A button of the last answer: a form that sends its action as a press. */
function ButtonForm({ button, csrf, locale, id }: { button: Button; csrf: string; locale: Locale; id: string }) {
  return (
    <form method="post" action={CHAT_PATH} class="press">
      <Hidden csrf={csrf} id={id} locale={locale} />
      <input type="hidden" name="action" value={button.action} />
      <input type="hidden" name="label" value={button.label} />
      <button type="submit">{button.label}</button>
    </form>
  );
}

/**
 * The web chat: the conversation so far (oldest first), the last answer's buttons, and a text
 * box. Plain forms, no script: each posts, the turn runs, and the page is drawn again.
 */
export function ChatPage({ locale, csrf, entries, newId }: ChatPageProps) {
  const last = entries.at(-1);
  const buttons = (last?.replies ?? []).flatMap((r) => r.buttons ?? []);
  return (
    <Layout locale={locale} title={t(locale, 'webchat.title')} signOut={{ csrf }}>
      <section class="card">
        <h1>{t(locale, 'webchat.title')}</h1>
        <p class="note">{t(locale, 'webchat.intro')}</p>
        <p>
          <a href="/">{t(locale, 'webchat.home')}</a>
        </p>
      </section>
      <section class="card" id="conversation">
        {entries.length === 0 && <p class="note">{t(locale, 'webchat.empty')}</p>}
        {entries.map((entry) => (
          <div class="exchange">
            <p class="said">
              <strong>{t(locale, 'webchat.you')}</strong> {entry.said}
            </p>
            {entry.replies.map((reply) => (
              <ReplyHtml reply={reply} />
            ))}
          </div>
        ))}
        {buttons.map((row) => (
          <div class="buttons">
            {row.map((button) => (
              <ButtonForm button={button} csrf={csrf} locale={locale} id={newId()} />
            ))}
          </div>
        ))}
      </section>
      <section class="card">
        <form method="post" action={CHAT_PATH} id="say">
          <Hidden csrf={csrf} id={newId()} locale={locale} />
          <label for="chat-text">{t(locale, 'webchat.label')}</label>
          <div class="dates">
            <input type="text" id="chat-text" name="text" autocomplete="off" autofocus maxlength={4000} placeholder={t(locale, 'webchat.placeholder')} />
            <button type="submit">{t(locale, 'webchat.send')}</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
