import { request as playwrightRequest } from "@playwright/test";
import { expect, newClient, test } from "../support/test";
import { STRONG_PASSWORD, formAlert, register, sessionCookie, sessionCookieName, signIn, signOut, uniqueEmail } from "../support/helpers";
import { query } from "../support/db";
import { enableTotp, nextCode, wrongCode } from "../support/totp";

// Attacks on the second step: a password alone must never be a session.

async function userWithTotp(page: import("@playwright/test").Page, tag: string) {
  const email = uniqueEmail(tag);
  await register(page, { email });
  const app = await enableTotp(page);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await signOut(page);
  return { email, app };
}

test("after the password alone, no cookie the browser holds opens /account (raw HTTP)", async ({ page, baseURL }) => {
  const { email } = await userWithTotp(page, "raw-2fa");
  await signIn(page, email);
  await expect(page).toHaveURL(`${baseURL}/login/two-step`);
  const cookies = await page.context().cookies();
  expect(cookies.find((cookie) => cookie.name === sessionCookieName(baseURL!))).toBeUndefined();
  const pending = cookies.find((cookie) => cookie.name.endsWith("accounts.two-step"));
  expect(pending?.httpOnly).toBe(true);
  expect(await query(`SELECT 1 FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`, [email])).toHaveLength(0);

  const raw = await playwrightRequest.newContext({ baseURL });
  const cookieHeader = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  // Every cookie as it is, and the pending value replayed as a session cookie.
  for (const cookie of [cookieHeader, `${cookieHeader}; ${sessionCookieName(baseURL!)}=${pending!.value}`]) {
    const response = await raw.get("/account", { headers: { Cookie: cookie }, maxRedirects: 0 });
    expect([302, 303, 307]).toContain(response.status());
    expect(response.headers().location).toContain("/login");
    // And no page shows anyone signed in (the nav offers "Sign in").
    expect(await (await raw.get("/", { headers: { Cookie: cookie } })).text()).not.toContain("Sign out");
  }
  await raw.dispose();
});

test("the second step is bound to the browser that gave the password, and lasts 5 minutes", async ({ page, browser, baseURL }) => {
  const { email, app } = await userWithTotp(page, "bound-2fa");
  await signIn(page, email);
  await expect(page).toHaveURL(`${baseURL}/login/two-step`);

  // Another browser cannot finish it.
  const other = await newClient(browser);
  const otherPage = await other.newPage();
  await otherPage.goto("/login/two-step");
  await expect(otherPage).toHaveURL(/\/login\?expired=1$/);
  await other.close();

  // Past its 5 minutes (moved in the database rather than waited for), the right code is too late.
  const [row] = await query<{ expiresAt: Date; createdAt: Date }>(
    `SELECT p."expiresAt", p."createdAt" FROM "PendingSignIn" p JOIN "User" u ON u.id = p."userId" WHERE u.email = $1`,
    [email],
  );
  expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(5 * 60_000);
  await query(`UPDATE "PendingSignIn" p SET "expiresAt" = now() - interval '1 second' FROM "User" u WHERE u.id = p."userId" AND u.email = $1`, [email]);
  await page.getByLabel("Authentication code").fill(nextCode(app));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/login\?expired=1$/);
  await expect(formAlert(page)).toHaveText("Your sign-in took too long or was ended. Please sign in again.");
  expect(await sessionCookie(page.context(), baseURL!)).toBeUndefined();
});

test("wrong codes count toward the sign-in lockout; the password alone cannot reset it", async ({ page, baseURL }) => {
  const { email, app } = await userWithTotp(page, "lock-2fa");
  await signIn(page, email);
  for (let left = 4; left >= 1; left--) {
    await page.getByLabel("Authentication code").fill(wrongCode(app));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText(`${left === 1 ? "1 try" : `${left} tries`} left.`)).toBeVisible();
  }
  // The fifth wrong code ends this sign-in and reaches the lockout of email + IP...
  await page.getByLabel("Authentication code").fill(wrongCode(app));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/login\?expired=1$/);
  // ...so even the right password is now refused from here, as after five wrong passwords.
  await signIn(page, email, STRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText(/^Too many attempts, try again in 15 minutes\.$/);
  const events = await query<{ type: string }>(
    `SELECT e.type FROM "SecurityEvent" e JOIN "User" u ON u.id = e."userId" WHERE u.email = $1`,
    [email],
  );
  expect(events.filter((e) => e.type === "SECOND_STEP_FAILED")).toHaveLength(5);
  expect(events.map((e) => e.type)).toContain("LOCKED_OUT");
  expect(await sessionCookie(page.context(), baseURL!)).toBeUndefined();
});
