import * as cheerio from 'cheerio';
import { CookieJar } from 'tough-cookie';
import type { Printer } from './print';
import { redactForm, redactUrl } from './secrets';

/** One answer, as the browser saw it; `location` is absolute. */
export interface Hop {
  url: URL;
  status: number;
  location: URL | undefined;
  body: string;
}

/** A page the browser stopped at (no redirect), parsed for its forms and test hooks. */
export interface Page extends Hop {
  $: cheerio.CheerioAPI;
}

/** A service did not answer at all (connection refused, DNS, timeout). */
export class UnreachableError extends Error {
  constructor(service: string, origin: string) {
    super(`${service} at ${origin} is not reachable`);
  }
}

/**
 * What a browser does in this flow, and no more: one cookie jar for every origin (localhost shares
 * cookies across ports), redirects followed one hop at a time so each can be printed, and forms
 * posted as application/x-www-form-urlencoded.
 */
export class Browser {
  private readonly jar = new CookieJar();
  /** Which service answers at which origin, learnt from the redirects, to name it in errors. */
  private readonly services = new Map<string, string>();

  constructor(private readonly printer: Printer) {}

  /** Remembers that `service` lives at the origin of `url`. */
  knows(service: string, url: URL): void {
    this.services.set(url.origin, service);
  }

  /** One request, printed with its answer; redirects are not followed. */
  async send(method: 'GET' | 'POST', url: URL, form?: Record<string, string>): Promise<Hop> {
    this.printer.request(method, redactUrl(url), form && redactForm(form));
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookies = await this.jar.getCookieString(url.toString());
    if (cookies) {
      headers.cookie = cookies;
    }
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: form && new URLSearchParams(form).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(10000),
      });
    } catch {
      throw new UnreachableError(this.services.get(url.origin) ?? 'the server', url.origin);
    }
    for (const cookie of response.headers.getSetCookie()) {
      await this.jar.setCookie(cookie, url.toString());
    }
    const header = response.headers.get('location');
    const location = header === null ? undefined : new URL(header, url);
    this.printer.response(response.status, location && redactUrl(location));
    return { url, status: response.status, location, body: await response.text() };
  }

  /**
   * Follows redirects (GET after 302/303, as browsers do) until a page is reached or the next URL is
   * one `stopAt` wants to look at first; that URL is then returned without being requested.
   */
  async follow(hop: Hop, stopAt: (next: URL) => boolean = () => false): Promise<Page | URL> {
    let current = hop;
    for (let redirects = 0; isRedirect(current); redirects++) {
      if (redirects >= 10) {
        throw new Error(`too many redirects after ${redactUrl(hop.url)}`);
      }
      if (stopAt(current.location)) {
        return current.location;
      }
      current = await this.send('GET', current.location);
    }
    return { ...current, $: cheerio.load(current.body) };
  }

  /** The hidden fields of the one form matching `selector`, and the URL it posts to. */
  static form(page: Page, selector: string): { action: URL; fields: Record<string, string> } {
    const form = page.$(selector);
    if (form.length !== 1) {
      throw new Error(
        `expected one form ${selector} at ${redactUrl(page.url)}, found ${form.length}`,
      );
    }
    const fields: Record<string, string> = {};
    form.find('input[type=hidden]').each((_, input) => {
      const name = page.$(input).attr('name');
      if (name) {
        fields[name] = page.$(input).attr('value') ?? '';
      }
    });
    return { action: new URL(form.attr('action') ?? page.url.toString(), page.url), fields };
  }
}

/** A 3xx with a Location header: the browser goes on with a GET. */
export function isRedirect(hop: Hop): hop is Hop & { location: URL } {
  return hop.status >= 300 && hop.status < 400 && hop.location !== undefined;
}

/** The text of an element, whitespace collapsed, or undefined if the page has none. */
export function textOf(page: Page, selector: string): string | undefined {
  const element = page.$(selector).first();
  return element.length === 0 ? undefined : element.text().replace(/\s+/g, ' ').trim();
}
