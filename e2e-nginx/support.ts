import { request as playwrightRequest, type APIResponse, type Browser } from "@playwright/test";
import { randomInt } from "node:crypto";

// What scripts/nginx-e2e.ts set up: nginx on a TLS and an HTTP port in front of instances A and B.
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through \`npm test\` (scripts/nginx-e2e.ts).`);
  return value;
}

export const setup = {
  get tlsPort() {
    return Number(required("NGINX_TLS_PORT"));
  },
  get httpPort() {
    return Number(required("NGINX_HTTP_PORT"));
  },
  /** The public origin (AUTH_URL of both instances). */
  get publicUrl() {
    return `https://localhost:${this.tlsPort}`;
  },
  get instanceA() {
    return required("INSTANCE_A_URL");
  },
  get instanceB() {
    return required("INSTANCE_B_URL");
  },
};

/** nginx listens on 127.0.0.1 only, so that is the client address it sees for this test run. */
export const CLIENT_IP = "127.0.0.1";
/** nginx connects to the instances from here (`proxy_bind`): the app's socket peer. */
export const PROXY_BIND_IP = "127.0.0.2";
export const SESSION_COOKIE = "__Host-authjs.session-token";

export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/**
 * The fields a server-action form posts without JavaScript (React renders the action's hidden
 * fields into the HTML), read from a page of one instance.
 */
export async function formFields(browser: Browser, html: string, selector: string): Promise<Record<string, string>> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.setContent(html);
    // No callbacks inside the page: with JavaScript off, Chromium refuses to run them.
    return await page.locator(selector).evaluate((form: HTMLFormElement) => {
      const fields: Record<string, string> = {};
      for (const [key, value] of new FormData(form).entries()) {
        if (typeof value === "string") fields[key] = value;
      }
      return fields;
    });
  } finally {
    await context.close();
  }
}

/** What a form submission answered (read before its request context is gone). */
export type Submitted = { status: number; location: string | undefined; body: string; sessionCookie: string | undefined };

/**
 * Submits a page's form straight to an instance, as a browser without JavaScript would (but
 * with the headers given, e.g. a forged X-Forwarded-Host, and no Origin unless given). Each call
 * has a request context of its own: no cookie is sent unless `headers` carries it.
 */
export async function submitForm(
  browser: Browser,
  options: { url: string; selector?: string; values: Record<string, string>; headers?: Record<string, string> },
): Promise<Submitted> {
  const api = await playwrightRequest.newContext();
  try {
    const page = await api.get(options.url, { headers: options.headers, maxRedirects: 0 });
    if (page.status() !== 200) throw new Error(`GET ${options.url}: ${page.status()}`);
    const fields = await formFields(browser, await page.text(), options.selector ?? "main form");
    const response = await api.post(options.url, { multipart: { ...fields, ...options.values }, headers: options.headers, maxRedirects: 0 });
    return { status: response.status(), location: response.headers().location, body: await response.text(), sessionCookie: sessionCookieFrom(response) };
  } finally {
    await api.dispose();
  }
}

/** The session cookie's value from a response's Set-Cookie headers. */
function sessionCookieFrom(response: APIResponse): string | undefined {
  for (const { name, value } of response.headersArray()) {
    if (name.toLowerCase() !== "set-cookie") continue;
    const match = value.match(new RegExp(`^${SESSION_COOKIE.replace(/[.-]/g, "\\$&")}=([^;]+)`));
    if (match) return match[1];
  }
  return undefined;
}
