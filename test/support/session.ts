import { loadConfig } from '../../src/config';
import { demoPassword } from '../../src/subgraphs/access/credentials';

/** The demo logins' password on the test hubs (derived from the test run's secret). */
export const DEMO_PASSWORD = () => demoPassword(loadConfig().internalSecret);

export const originOf = (hubUrl: string) => hubUrl.replace(/\/graphql$/, '');

export interface BrowserSession {
  cookie: string;
  csrf: string;
  body: any;
}

/** Signs in over HTTP the way the console does; returns the cookie to send and the CSRF token. */
export async function signIn(hubUrl: string, login: string, password = DEMO_PASSWORD(), headers: Record<string, string> = {}): Promise<{ status: number; session?: BrowserSession; body: any; setCookie: string | null }> {
  const origin = originOf(hubUrl);
  const res = await fetch(`${origin}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: JSON.stringify({ login, password }),
  });
  const body = (await res.json()) as any;
  const setCookie = res.headers.get('set-cookie');
  if (res.status !== 200 || !setCookie) return { status: res.status, body, setCookie };
  return { status: 200, body, setCookie, session: { cookie: setCookie.split(';')[0], csrf: body.csrfToken, body } };
}

/** A GraphQL call as the console makes it: session cookie, CSRF header, same origin. */
export async function consoleGql(hubUrl: string, s: BrowserSession, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(hubUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, origin: originOf(hubUrl), 'sec-fetch-site': 'same-origin', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
}
