import * as cheerio from 'cheerio';
import { CookieJar } from 'tough-cookie';

/** One HTTP exchange the browser made: what a learner would see in the network tab. */
export interface Hop {
  method: string;
  url: string;
  status: number;
  location: string | undefined;
}

export interface Page {
  url: string;
  status: number;
  html: string;
  $: cheerio.CheerioAPI;
}

/**
 * A minimal browser for the cross-service test: a cookie jar shared by every origin (as on
 * localhost), real form posts, and redirects followed one hop at a time so each hop can be checked.
 */
export class Browser {
  readonly jar = new CookieJar();
  readonly hops: Hop[] = [];

  /** One request, no redirect following. */
  async request(
    method: 'GET' | 'POST',
    url: string,
    form?: Record<string, string>,
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    const cookies = await this.jar.getCookieString(url);
    if (cookies) {
      headers.cookie = cookies;
    }
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(url, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      await this.jar.setCookie(cookie, url);
    }
    const location = response.headers.get('location') ?? undefined;
    this.hops.push({
      method,
      url,
      status: response.status,
      location: location && new URL(location, url).toString(),
    });
    return response;
  }

  /**
   * Requests a URL and follows redirects (GET after 302/303, as browsers do) until a page is
   * reached, or until `stopAt` says the next URL is one the test wants to look at first.
   */
  async navigate(
    method: 'GET' | 'POST',
    url: string,
    form?: Record<string, string>,
    stopAt?: (nextUrl: URL) => boolean,
  ): Promise<Page | { stoppedAt: URL }> {
    let response = await this.request(method, url, form);
    let current = url;
    for (let redirects = 0; response.status >= 300 && response.status < 400; redirects++) {
      if (redirects > 10) {
        throw new Error(`too many redirects from ${url}`);
      }
      const next = new URL(response.headers.get('location') ?? '', current);
      if (stopAt?.(next)) {
        return { stoppedAt: next };
      }
      current = next.toString();
      response = await this.request('GET', current);
    }
    const html = await response.text();
    return { url: current, status: response.status, html, $: cheerio.load(html) };
  }

  /** Follows redirects to the end: a page is expected. */
  async open(url: string): Promise<Page> {
    return asPage(await this.navigate('GET', url));
  }

  /**
   * Submits the form matching `selector` on a page, with its hidden fields, the given values and the
   * clicked submit button's name/value.
   */
  async submit(
    page: Page,
    selector: string,
    values: Record<string, string>,
    stopAt?: (nextUrl: URL) => boolean,
  ): Promise<Page | { stoppedAt: URL }> {
    const form = page.$(selector);
    if (form.length !== 1) {
      throw new Error(
        `expected one form ${selector} on ${page.url}, found ${form.length}:\n${page.html}`,
      );
    }
    const fields: Record<string, string> = {};
    form.find('input[type=hidden]').each((_, input) => {
      const name = page.$(input).attr('name');
      if (name) {
        fields[name] = page.$(input).attr('value') ?? '';
      }
    });
    const action = new URL(form.attr('action') ?? page.url, page.url).toString();
    return this.navigate('POST', action, { ...fields, ...values }, stopAt);
  }
}

export function asPage(result: Page | { stoppedAt: URL }): Page {
  if ('stoppedAt' in result) {
    throw new Error(`expected a page, stopped at ${result.stoppedAt.toString()}`);
  }
  return result;
}

export function asStop(result: Page | { stoppedAt: URL }): URL {
  if (!('stoppedAt' in result)) {
    throw new Error(
      `expected a redirect, got a page ${result.status} at ${result.url}:\n${result.html}`,
    );
  }
  return result.stoppedAt;
}
