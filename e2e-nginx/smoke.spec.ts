import { expect, test, type Browser } from "@playwright/test";
import { STRONG_PASSWORD, formAlert, signIn, uniqueEmail } from "../e2e/support/helpers";
import { firstLink, waitForMail } from "../e2e/support/mail";
import { query } from "../e2e/support/db";
import { CLIENT_IP, PROXY_BIND_IP, SESSION_COOKIE, randomIp, setup, submitForm } from "./support";

// Chromium → nginx (TLS) → instance A or B → PostgreSQL, as deployed (scripts/nginx-e2e.ts).

const WRONG = "wrong horse battery staple";

/** Registers straight at an instance (no nginx), posting the form as a browser without JavaScript. */
function registerDirect(browser: Browser, instance: string, email: string, headers: Record<string, string>) {
  return submitForm(browser, {
    url: `${instance}/register`,
    values: { name: "Direct User", email, password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD },
    headers,
  });
}

test("registering over HTTPS: a __Host- session cookie (Secure, HttpOnly, SameSite=Lax); the session's IP is the client address nginx saw", async ({ browser }) => {
  // The client tries to choose its own IP: nginx appends the address it saw, which the app takes.
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.7" } });
  const page = await context.newPage();
  const email = uniqueEmail("nginx-cookie");
  await page.goto("/register");
  expect(page.url()).toBe(`${setup.publicUrl}/register`);
  await page.getByLabel("Name").fill("Through Nginx");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(STRONG_PASSWORD);
  await page.getByLabel("Confirm password").fill(STRONG_PASSWORD);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/register")),
    page.getByRole("button", { name: "Create account" }).click(),
  ]);
  await page.waitForURL(/\/account/);
  await expect(page.getByRole("heading", { name: "Hello, Through Nginx" })).toBeVisible();

  const setCookie = (await response.headerValue("set-cookie")) ?? "";
  const line = setCookie.split("\n").find((entry) => entry.startsWith(`${SESSION_COOKIE}=`));
  expect(line).toBeDefined();
  expect(line).toMatch(/;\s*Secure/i);
  expect(line).toMatch(/;\s*HttpOnly/i);
  expect(line).toMatch(/;\s*SameSite=Lax/i);
  expect(line).toMatch(/;\s*Path=\//i);
  expect(line).not.toMatch(/Domain=/i);
  const cookie = (await context.cookies()).find((entry) => entry.name === SESSION_COOKIE);
  expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", domain: "localhost", path: "/" });

  const rows = await query<{ ip: string }>(`SELECT s.ip FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`, [email]);
  expect(rows).toEqual([{ ip: CLIENT_IP }]);
  expect(rows[0].ip).not.toBe(PROXY_BIND_IP);
  await context.close();
});

test("the HTTP port answers 301 to the same path on HTTPS", async ({ request }) => {
  const response = await request.get(`http://localhost:${setup.httpPort}/login?callbackUrl=%2Faccount`, { maxRedirects: 0 });
  expect(response.status()).toBe(301);
  expect(response.headers().location).toBe(`${setup.publicUrl}/login?callbackUrl=%2Faccount`);
  const page = await request.get(response.headers().location);
  expect(page.status()).toBe(200);
  expect(page.headers()["strict-transport-security"]).toContain("max-age=");
});

test("emailed links use the public origin, whatever X-Forwarded-Host the request carried", async ({ browser }) => {
  // Through nginx: it replaces the client's X-Forwarded-Host with the host it served.
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-Host": "evil.example" } });
  const page = await context.newPage();
  const viaProxy = uniqueEmail("nginx-xfh");
  await page.goto("/register");
  await page.getByLabel("Name").fill("Forwarded Host");
  await page.getByLabel("Email").fill(viaProxy);
  await page.getByLabel("Password", { exact: true }).fill(STRONG_PASSWORD);
  await page.getByLabel("Confirm password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/account/);
  await context.close();
  const proxied = firstLink(await waitForMail(viaProxy, /Confirm your email/, 30_000), "/verify-email?token=");
  expect(proxied.startsWith(`${setup.publicUrl}/verify-email?token=`)).toBe(true);

  // Straight to an instance, past nginx, with forged forwarding headers and no Origin (not a
  // browser): the request is served, and the link still uses AUTH_URL.
  const direct = uniqueEmail("direct-xfh");
  const response = await registerDirect(browser, setup.instanceA, direct, {
    "X-Forwarded-Host": "evil.example",
    "X-Forwarded-Proto": "http",
    "X-Forwarded-For": randomIp(),
  });
  expect(response.status).toBe(303);
  const link = firstLink(await waitForMail(direct, /Confirm your email/, 30_000), "/verify-email?token=");
  expect(link.startsWith(`${setup.publicUrl}/verify-email?token=`)).toBe(true);
  expect(link).not.toContain("evil.example");
});

test("a session made on instance A works on instance B; signing out through A ends it on B", async ({ browser, request }) => {
  const email = uniqueEmail("ab");
  const ip = randomIp();
  const registered = await registerDirect(browser, setup.instanceA, email, { "X-Forwarded-For": ip });
  expect(registered.status).toBe(303);
  const token = registered.sessionCookie;
  expect(token).toBeDefined();
  const withCookie = { cookie: `${SESSION_COOKIE}=${token}`, "X-Forwarded-For": ip };

  for (const instance of [setup.instanceB, setup.instanceA]) {
    const account = await request.get(`${instance}/account`, { headers: withCookie, maxRedirects: 0 });
    expect(account.status(), instance).toBe(200);
    expect(await account.text()).toContain(email);
  }

  // The sign-out button (a server action form in the nav), posted to A as its own page would.
  const signedOut = await submitForm(browser, {
    url: `${setup.instanceA}/account`,
    selector: 'nav[aria-label="Main"] form',
    values: {},
    headers: { ...withCookie, origin: setup.instanceA },
  });
  expect(signedOut.status).toBe(303);
  const after = await request.get(`${setup.instanceB}/account`, { headers: withCookie, maxRedirects: 0 });
  expect(after.status()).toBe(302);
  expect(after.headers().location).toBe(`${setup.publicUrl}/login?callbackUrl=%2Faccount`);
  expect(await query(`SELECT 1 FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`, [email])).toEqual([]);
});

test("sign-in limits are shared: five failures spread over A and B lock the pair on both, and through nginx", async ({ browser, page }) => {
  const email = uniqueEmail("shared-lock");
  expect((await registerDirect(browser, setup.instanceA, email, { "X-Forwarded-For": randomIp() })).status).toBe(303);

  // The client nginx sees (127.0.0.1), as the trusted proxy would report it to each instance.
  const asClient = { "X-Forwarded-For": CLIENT_IP };
  const attempt = async (instance: string, password: string) => {
    const response = await submitForm(browser, { url: `${instance}/login`, values: { email, password, intent: "password" }, headers: { ...asClient, origin: instance } });
    expect(response.status).toBe(200);
    return response.body;
  };
  for (let i = 0; i < 5; i++) {
    const instance = i % 2 === 0 ? setup.instanceA : setup.instanceB;
    expect(await attempt(instance, WRONG), `failure ${i + 1} on ${instance}`).toContain("Invalid email or password.");
  }
  // Locked on both instances, even with the right password …
  for (const instance of [setup.instanceA, setup.instanceB]) {
    expect(await attempt(instance, STRONG_PASSWORD), instance).toContain("Too many attempts, try again in 15 minutes.");
  }
  // … and for the browser behind nginx, whichever instance serves it.
  await signIn(page, email, STRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText("Too many attempts, try again in 15 minutes.");
  await expect(page).toHaveURL(/\/login/);
});
