import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { type Locale, t } from '../../bot/i18n/index.ts';

// Small enough to inline: the pages need no other request, and no front-end build.
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2430;background:#f4f6f8}
header{background:#7a1f1f;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between}
header a{color:#fff}
header strong{font-size:1.05rem}
main{max-width:60rem;margin:1.5rem auto;padding:0 1rem}
.card{background:#fff;border:1px solid #d9dee4;border-radius:8px;padding:1rem 1.25rem;margin-bottom:1rem}
h1{font-size:1.35rem;margin:.25rem 0 .75rem}
h2{font-size:1.1rem;margin:.25rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dt{color:#5b6673}
dd{margin:0}
ul{padding-left:1.25rem;margin:.25rem 0}
code{background:#eef1f4;padding:.1rem .35rem;border-radius:4px}
.note{color:#5b6673;font-size:.9rem}
button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #7a1f1f;background:#7a1f1f;color:#fff;cursor:pointer}
header button{padding:.3rem .8rem;background:transparent;border-color:#fff}
form{margin:0}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:.3rem .5rem;border-bottom:1px solid #e3e7eb;text-align:left;vertical-align:top}
th{background:#eef1f4;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
.d1{padding-left:1.25rem}.d2{padding-left:2.25rem}.d3{padding-left:3.25rem}
img{max-width:100%;height:auto}
.dates{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
input[type=date]{font:inherit;padding:.4rem}
.alert{background:#fdecea;border:1px solid #e0a8a0;border-radius:6px;padding:.5rem .75rem}
.lines{white-space:pre-wrap}
pre{font:.85rem/1.35 ui-monospace,Menlo,Consolas,monospace;margin:.25rem 0}
.exchange{border-bottom:1px solid #e3e7eb;padding:.5rem 0}
.said{margin:.25rem 0;color:#1c2430}
.reply{margin:.25rem 0 .5rem 1rem}
.reply h3{font-size:1rem;margin:.25rem 0}
.reply.error{border-left:3px solid #b3261e;padding-left:.5rem}
.reply.success{border-left:3px solid #2e7d32;padding-left:.5rem}
.buttons{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
input[type=text]{font:inherit;padding:.4rem;flex:1;min-width:12rem}
a.button{display:inline-block;padding:.5rem 1rem;border-radius:6px;border:1px solid #7a1f1f;color:#7a1f1f;text-decoration:none}
`;

export interface LayoutProps {
  locale: Locale;
  title: string;
  /** Shown in the header: the sign-out button, with the session's CSRF token. */
  signOut?: { csrf: string };
  /** The same page in the other language (a link in the header). */
  otherLanguage?: string;
  children?: Child;
}

/** Every page's frame: language, a phone-sized viewport, the inline style, the header. */
export function Layout({ locale, title, signOut, otherLanguage, children }: LayoutProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`${title} · ${t(locale, 'web.site')}`}</title>
          <style>{raw(STYLE)}</style>
        </head>
        <body>
          <header>
            <strong>{t(locale, 'web.site')}</strong>
            {otherLanguage !== undefined && <a href={otherLanguage}>{t(locale, 'web.other_language')}</a>}
            {signOut && (
              <form method="post" action="/dang-xuat">
                <input type="hidden" name="csrf" value={signOut.csrf} />
                <input type="hidden" name="lang" value={locale} />
                <button type="submit">{t(locale, 'web.sign_out')}</button>
              </form>
            )}
          </header>
          <main>{children}</main>
        </body>
      </html>
    </>
  );
}
