/**
 * A browser in front of `app.request`: keeps the cookies it is given (name=value; a Max-Age=0
 * removes one), sends them back, and posts forms from a page with the Origin a browser would send.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: { request(path: string, init?: RequestInit): Response | Promise<Response> },
    readonly origin: string,
  ) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await this.app.request(path, { headers: { Accept: 'text/html', Cookie: this.cookieHeader(), ...headers } }));
  }

  /** POSTs a form; `headers` may override Origin (or set it to '' to send none). */
  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const all: Record<string, string> = {
      Accept: 'text/html',
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: this.cookieHeader(),
      Origin: this.origin,
      ...headers,
    };
    if (all.Origin === '') delete all.Origin;
    return this.keep(await this.app.request(path, { method: 'POST', headers: all, body: new URLSearchParams(fields).toString() }));
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/;\s*Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

/** The hidden fields of the first form on a page (name → value). */
export function formFields(html: string): Record<string, string> {
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** The action of the first form on a page. */
export function formAction(html: string): string | undefined {
  return /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
}
