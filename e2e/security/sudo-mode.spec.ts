import type { BrowserContext, Page } from "@playwright/test";
import { expect, newClient, randomIp, test } from "../support/test";
import { STRONG_PASSWORD, confirmPasswordFor, register, sessionCookie, signIn, signOut, uniqueEmail } from "../support/helpers";
import { query } from "../support/db";
import { enableTotp, nextCode } from "../support/totp";
import { SUDO_MODE_MS } from "../../lib/auth/session-policy";
import { SUDO_PASSWORD_REQUIRED, SUDO_WRONG_PASSWORD } from "../../lib/auth/messages";

// The attack: someone holding a stolen session cookie (not the password) adds their own passkey,
// turns on their own authenticator app (locking the owner out) or makes new recovery codes. Sudo
// mode: these first ask for the current password, a confirmation holds SUDO_MODE_MS for that
// session, and a sign-in does not count. The "thief" below is another browser given the victim's
// cookie; the server is checked over raw HTTP too, never trusting what the page showed.

const qr = (page: Page) => page.getByRole("img", { name: "QR code for your authenticator app" });
const currentPassword = (page: Page) => page.locator("main").getByLabel("Current password");

async function userRow(email: string) {
  const [row] = await query<{ id: string; totpSecret: string | null; totpEnabledAt: Date | null }>(
    `SELECT id, "totpSecret", "totpEnabledAt" FROM "User" WHERE email = $1`,
    [email],
  );
  return row;
}

async function stealSession(victim: BrowserContext, browser: import("@playwright/test").Browser, baseURL: string) {
  const cookie = (await sessionCookie(victim, baseURL))!;
  const thief = await newClient(browser);
  await thief.addCookies([cookie]);
  return thief;
}

/** Moves this user's sudo confirmations back by `ms`, as if that much time had passed. */
async function age(email: string, ms: number) {
  await query(
    `UPDATE "Session" s SET "reauthenticatedAt" = s."reauthenticatedAt" - make_interval(secs => $2::double precision / 1000)
     FROM "User" u WHERE u.id = s."userId" AND u.email = $1 AND s."reauthenticatedAt" IS NOT NULL`,
    [email, ms],
  );
}

test("a stolen session sees no key and gets no passkey challenge or recovery codes without the password", async ({ page, browser, baseURL, playwright }) => {
  const email = uniqueEmail("sudo-thief");
  await register(page, { email }); // a fresh sign-in: it does not count as a confirmation
  const thief = await stealSession(page.context(), browser, baseURL!);
  const attacker = await thief.newPage();
  await attacker.goto("/account/security");

  // "Set up authenticator app" with no password: refused, no QR code, no key, nothing stored.
  await attacker.getByRole("button", { name: "Set up authenticator app" }).click();
  const refused = attacker.locator("main").getByText(SUDO_PASSWORD_REQUIRED);
  await expect(refused.or(qr(attacker))).toBeVisible(); // the answer, whichever it is
  await expect(qr(attacker)).toHaveCount(0);
  await expect(refused).toBeVisible();
  await expect(attacker.getByTestId("totp-secret")).toHaveCount(0);
  expect((await userRow(email)).totpSecret).toBeNull();
  // The page asks for it above both buttons: the app setup and "Add a passkey".
  await expect(currentPassword(attacker)).toHaveCount(2);
  await expect(currentPassword(attacker).first()).toHaveAttribute("autocomplete", "current-password");

  // "Add a passkey": the options request the page sends, then the same request over raw HTTP with
  // no password at all. No challenge either way.
  await attacker.getByLabel("Passkey name").fill("Thief's key");
  const sent = attacker.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]) && (request.postData() ?? "").includes("Thief's key"));
  await attacker.getByRole("button", { name: "Add a passkey" }).click();
  const options = await sent;
  const passkeyForm = attacker.locator("form").filter({ has: attacker.getByRole("button", { name: "Add a passkey" }) });
  await expect(passkeyForm.getByText(SUDO_PASSWORD_REQUIRED)).toBeVisible();
  const raw = await playwright.request.newContext({ baseURL });
  const headers = Object.fromEntries(Object.entries(await options.allHeaders()).filter(([name]) => !["host", "content-length"].includes(name)));
  const replay = await raw.post(new URL(options.url()).pathname, {
    headers: { ...headers, "x-forwarded-for": randomIp() },
    data: JSON.stringify([{ name: "Thief's key" }]),
  });
  expect(replay.status()).toBe(200);
  const answer = await replay.text();
  expect(answer).toContain(SUDO_PASSWORD_REQUIRED);
  expect(answer).not.toContain("challenge");
  const user = await userRow(email);
  expect(await query(`SELECT 1 FROM "WebAuthnChallenge" WHERE "userId" = $1`, [user.id])).toHaveLength(0);
  await raw.dispose();

  // The owner turns the app on (with the password) and moves on; once the confirmation is older
  // than the window, the thief cannot make new recovery codes with the same session.
  await enableTotp(page);
  const codes = await query<{ codeHash: string }>(`SELECT "codeHash" FROM "RecoveryCode" WHERE "userId" = $1 ORDER BY 1`, [user.id]);
  await age(email, SUDO_MODE_MS + 1_000);
  await attacker.goto("/account/security");
  await expect(attacker.getByText("10 of 10 left")).toBeVisible();
  await attacker.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await expect(attacker.locator("main").getByText(SUDO_PASSWORD_REQUIRED).first()).toBeVisible();
  await expect(attacker.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);
  expect(await query<{ codeHash: string }>(`SELECT "codeHash" FROM "RecoveryCode" WHERE "userId" = $1 ORDER BY 1`, [user.id])).toEqual(codes);
  await thief.close();
});

test("a wrong password shows no key and counts toward the sign-in lockout", async ({ page }) => {
  const email = uniqueEmail("sudo-wrong");
  await register(page, { email });
  await page.goto("/account/security");
  for (let i = 0; i < 5; i++) {
    await confirmPasswordFor(page, "Set up authenticator app", `wrong horse battery staple ${i}`);
    await page.getByRole("button", { name: "Set up authenticator app" }).click();
    const refused = page.locator("main").getByText(SUDO_WRONG_PASSWORD);
    await expect(refused.or(qr(page))).toBeVisible();
    await expect(qr(page)).toHaveCount(0);
    await expect(refused).toBeVisible();
  }
  expect((await userRow(email)).totpSecret).toBeNull();
  // Five failures lock this email+IP pair, as at /login: now even the right password is refused...
  await confirmPasswordFor(page, "Set up authenticator app", STRONG_PASSWORD);
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText(/Too many attempts, try again in \d+ minutes?\./);
  await expect(qr(page)).toHaveCount(0);
  // ...and at /login from this browser too.
  await signOut(page);
  await signIn(page, email);
  await expect(page.locator("main").getByRole("alert")).toContainText(/Too many attempts/);
  await expect(page).toHaveURL(/\/login/);
});

test("after the right password the changes work for a while in this session; then, and after a new sign-in, it asks again", async ({ page }) => {
  const email = uniqueEmail("sudo-window");
  await register(page, { email });
  // The control: the right password opens the setup (the refusals above were about the password).
  const app = await enableTotp(page);
  await page.getByRole("button", { name: "I have saved them" }).click();
  // Within the window: no password field, and new recovery codes are made at once.
  await expect(currentPassword(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();

  // Just inside the window it still holds; past it, the password is asked for again.
  await age(email, SUDO_MODE_MS - 30_000);
  await page.reload();
  await expect(currentPassword(page)).toHaveCount(0);
  await age(email, 60_000);
  await page.reload();
  await expect(currentPassword(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await expect(page.locator("main").getByText(SUDO_PASSWORD_REQUIRED).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);

  // A fresh sign-in, even with two factors, is not a confirmation.
  await signOut(page);
  await signIn(page, email);
  await page.getByLabel("Authentication code").fill(nextCode(app));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/account/security");
  await expect(currentPassword(page)).toHaveCount(2);
  await confirmPasswordFor(page, "Regenerate recovery codes");
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
});
