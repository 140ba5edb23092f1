import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import { expect, test } from "../support/test";
import { register, sessionCookie, uniqueEmail } from "../support/helpers";

// Threat: middleware passes the session it validated to the pages in a request header. Wherever
// middleware does not run (its matcher skips a few static names), a client's own header reached
// the page, so anyone could appear signed in as anyone, an admin included. Over raw HTTP.

const SESSION_HEADER = "x-accounts-session";
const FORGED_NAME = "Mallory Forged";
const FORGED_EMAIL = "mallory-forged@evil.example";

function forgedSession() {
  const now = Date.now();
  return {
    id: "forged-session",
    userId: "forged-user",
    expires: new Date(now + 3_600_000).toISOString(),
    createdAt: new Date(now).toISOString(),
    lastActiveAt: new Date(now).toISOString(),
    remember: false,
    user: {
      id: "forged-user",
      name: FORGED_NAME,
      email: FORGED_EMAIL,
      emailVerified: new Date(now).toISOString(),
      role: "ADMIN",
      createdAt: new Date(now).toISOString(),
      lastSignInAt: new Date(now).toISOString(),
    },
  };
}

/** The header as middleware used to write it: URI-encoded JSON, nothing else. */
const unsigned = () => encodeURIComponent(JSON.stringify(forgedSession()));

/** The same payload with a MAC in the server's format, made with a key derived from `secret`. */
function signedWith(secret: string, sessionToken: string) {
  const payload = unsigned();
  const key = Buffer.from(hkdfSync("sha256", secret, "accounts/session-header", "v1", 32));
  const mac = createHmac("sha256", key).update(`v1\n${sessionToken}\n${payload}`).digest("base64url");
  return `${payload}.${mac}`;
}

// Paths the matcher skipped by prefix (look-alikes of static files), the exact static names it
// still skips (no such files here: the app's 404 page and layout answer), and guarded or public pages.
const PATHS = ["/robots.txt.x", "/faviconXico", "/_next/staticX", "/favicon.ico", "/robots.txt", "/", "/account"];

function expectNoForgedIdentity(path: string, body: string) {
  expect(body, path).not.toContain(FORGED_NAME);
  expect(body, path).not.toContain(FORGED_EMAIL);
  expect(body, path).not.toMatch(/href="\/admin"/);
  expect(body, path).not.toContain("Sign out");
}

test("a forged session header shows no identity and opens nothing, on any path", async ({ request }) => {
  for (const path of PATHS) {
    const response = await request.get(path, { headers: { [SESSION_HEADER]: unsigned() }, maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
    expectNoForgedIdentity(path, await response.text());
    if (path === "/account") {
      expect([302, 303, 307], path).toContain(response.status());
      expect(response.headers().location, path).toContain("/login?callbackUrl=%2Faccount");
    }
  }
  // Junk in the header is ignored the same way, never a 500.
  for (const junk of ["%E0%A4%A", "{", "a.b", `${unsigned()}.`, "."]) {
    const response = await request.get("/robots.txt.x", { headers: { [SESSION_HEADER]: junk } });
    expect(response.status(), junk).toBe(404);
    expectNoForgedIdentity(junk, await response.text());
  }
});

test("only this server's signature for this cookie is accepted; a real session still works", async ({ page, context, baseURL, playwright }) => {
  const email = uniqueEmail("header");
  await register(page, { email, name: "Real Person" });
  const cookie = (await sessionCookie(context, baseURL!))!;
  const raw = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Cookie: `${cookie.name}=${cookie.value}` } });

  // Signed with a wrong key, bound to a real (non-admin) session's cookie: ignored, the cookie decides.
  const wrongKey = signedWith(randomBytes(32).toString("base64url"), cookie.value);
  for (const path of ["/favicon.ico", "/robots.txt", "/robots.txt.x", "/"]) {
    const body = await (await raw.get(path, { headers: { [SESSION_HEADER]: wrongKey } })).text();
    expect(body, path).not.toContain(FORGED_NAME);
    expect(body, path).not.toMatch(/href="\/admin"/);
    expect(body, path).toContain("Sign out"); // the real session, from the cookie
  }

  // The control: the same payload with the server's own key is taken as it stands, so the format
  // above was right and only the key was wrong. Tied to the cookie, the same value without it is refused.
  const rightKey = signedWith(process.env.AUTH_SECRET!, cookie.value);
  const accepted = await (await raw.get("/favicon.ico", { headers: { [SESSION_HEADER]: rightKey } })).text();
  expect(accepted).toMatch(/href="\/admin"/);
  const withoutCookie = await playwright.request.newContext({ baseURL });
  expectNoForgedIdentity("no cookie", await (await withoutCookie.get("/favicon.ico", { headers: { [SESSION_HEADER]: rightKey } })).text());
  await withoutCookie.dispose();

  // A real signed-in request: /account renders the real user, whatever header came with it.
  const account = await raw.get("/account", { headers: { [SESSION_HEADER]: unsigned() }, maxRedirects: 0 });
  expect(account.status()).toBe(200);
  const body = await account.text();
  expect(body).toContain(email);
  expect(body).not.toContain(FORGED_NAME);
  await raw.dispose();
});
