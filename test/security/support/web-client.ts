import { totpCode } from '../../../src/platform/auth/totp.ts';

/**
 * A minimal browser stand-in over fetch: a cookie jar, no automatic redirects, and the
 * sign-in form including the TOTP step administrators go through (enrolling on first use).
 */
export class WebClient {
  private readonly jar = new Map<string, string>();
  /** The TOTP time step last used, so a second code within 30 s takes the next step. */
  private lastStep = -1;
  totpSecret: string | null = null;

  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0 && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    const res = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /**
   * GET, retried a few times on 503: the server sheds load when its event loop lags (under
   * pressure), which on a loaded 2-core machine says nothing about the page under test.
   */
  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.request(path, { headers });
      if (res.status !== 503 || attempt >= 5) return res;
      await res.body?.cancel();
      await new Promise((r) => setTimeout(r, 2000));
    }
  }

  /** The CSRF token a page hands out (hidden `_csrf` field or the htmx header on <body>). */
  async csrfFrom(path: string): Promise<string> {
    const html = await (await this.get(path)).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html) ?? /X-CSRF-Token&quot;:&quot;([^&]+)&quot;/.exec(html);
    if (!m?.[1]) throw new Error(`no CSRF token on ${path}`);
    return m[1];
  }

  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Signs in through the form; returns the final status of the password step. */
  async login(username: string, password: string): Promise<void> {
    const csrf = await this.csrfFrom('/login');
    const res = await this.postForm('/login', { username, password, _csrf: csrf });
    const to = res.headers.get('location') ?? '';
    if (res.status !== 303) throw new Error(`${username}: login answered ${res.status}`);
    if (to === '/login/totp/enrol') {
      const html = await (await this.get(to)).text();
      const secret = /<code class="secret">([A-Z2-7=]+)<\/code>/.exec(html)?.[1];
      if (!secret) throw new Error(`${username}: no TOTP secret on the enrolment page`);
      this.totpSecret = secret;
      await this.totpStep(to, html);
    } else if (to === '/login/totp') {
      await this.totpStep(to, await (await this.get(to)).text());
    }
  }

  private async totpStep(path: string, html: string): Promise<void> {
    if (!this.totpSecret) throw new Error('TOTP asked for before enrolment');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const step = Math.max(Math.floor(Date.now() / 30_000), this.lastStep + 1);
    this.lastStep = step;
    const res = await this.postForm(path, { code: totpCode(this.totpSecret, new Date(step * 30_000)), _csrf: csrf });
    if (res.status !== 303 || res.headers.get('location') !== '/') throw new Error(`TOTP step answered ${res.status}`);
  }
}
