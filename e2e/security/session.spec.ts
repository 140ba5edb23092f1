import { expect, test } from "../support/test";
import { register, sessionCookie, sessionCookieName, signIn, signOut, uniqueEmail } from "../support/helpers";
import { query } from "../support/db";

test("session fixation: a cookie set before sign-in is not the session after", async ({ page, context, baseURL }) => {
  const email = uniqueEmail("fixation");
  await register(page, { email });
  await signOut(page);
  const planted = "attacker-chosen-session-value-0123456789abcdef";
  await context.addCookies([{ name: sessionCookieName(baseURL!), value: planted, url: baseURL! }]);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  const after = await sessionCookie(context, baseURL!);
  expect(after?.value).toBeTruthy();
  expect(after?.value).not.toBe(planted);

  // Each sign-in makes a new value, and the stored token is a hash, never the cookie's value.
  const first = after!.value;
  await signOut(page);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  const second = (await sessionCookie(context, baseURL!))!.value;
  expect(second).not.toBe(first);
  const rows = await query<{ sessionToken: string }>(
    `SELECT s."sessionToken" FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`,
    [email],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0].sessionToken).not.toBe(second);
  expect(rows[0].sessionToken).toMatch(/^[0-9a-f]{64}$/);
});

test("cookie replay after sign-out gets no access", async ({ page, context, baseURL, playwright }) => {
  const email = uniqueEmail("replay");
  await register(page, { email });
  const cookie = (await sessionCookie(context, baseURL!))!;
  const raw = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` } });
  const before = await raw.get("/account", { maxRedirects: 0 });
  expect(before.status()).toBe(200);

  await signOut(page);
  const after = await raw.get("/account", { maxRedirects: 0 });
  expect(after.status()).toBe(302);
  expect(after.headers()["location"]).toMatch(/\/login\?callbackUrl=%2Faccount$/);
  await raw.dispose();
});

test("an expired or idle session row gives no access and is removed", async ({ page, context, baseURL }) => {
  const email = uniqueEmail("expired");
  await register(page, { email });
  await query(`UPDATE "Session" SET expires = now() - interval '1 second' WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`, [email]);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  expect(await sessionCookie(context, baseURL!)).toBeUndefined();

  await signIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  await query(`UPDATE "Session" SET "lastActiveAt" = now() - interval '8 days' WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`, [email]);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  const left = await query(`SELECT 1 FROM "Session" WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`, [email]);
  expect(left).toHaveLength(0);
});

test("sign-out is a POST: a GET to the auth sign-out URL signs nobody out", async ({ page, context, baseURL }) => {
  const email = uniqueEmail("getout");
  await register(page, { email });
  await page.goto("/api/auth/signout");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
  expect(await sessionCookie(context, baseURL!)).toBeDefined();
});
