import { expect, newClient, test } from "./support/test";
import type { Page } from "@playwright/test";
import { OTHER_STRONG_PASSWORD, STRONG_PASSWORD, formAlert, register, signIn, signOut, uniqueEmail } from "./support/helpers";
import { firstLink, mailsTo, smtpDown, waitForMail } from "./support/mail";
import { query, sessionCount } from "./support/db";

async function requestReset(page: Page, email: string) {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for that address");
}

async function chooseNewPassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Reset password" }).click();
}

test("registration sends a confirmation link that works once", async ({ page, baseURL }) => {
  const email = uniqueEmail("confirm");
  await register(page, { email });
  await expect(page.getByText("Not confirmed")).toBeVisible();
  const mail = await waitForMail(email, /Confirm your email/);
  expect(mail.html).toContain("Confirm your email");
  const link = firstLink(mail, "/verify-email?token=");
  expect(link.startsWith(`${baseURL}/verify-email?token=`)).toBe(true);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Email confirmed" })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Resend confirmation email" })).toHaveCount(0);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Link already used" })).toBeVisible();
  await page.goto("/verify-email?token=tampered-token-value-0123456789");
  await expect(page.getByRole("heading", { name: "Link not valid" })).toBeVisible();
});

test("registering a taken address emails its owner instead", async ({ page, browser }) => {
  const email = uniqueEmail("owner");
  await register(page, { email });
  const visitor = await newClient(browser);
  await register(await visitor.newPage(), { email, password: OTHER_STRONG_PASSWORD });
  const mail = await waitForMail(email, /Someone tried to register/);
  expect(mail.text).toContain("/forgot-password");
  expect(mail.text).toContain("/login");
  await visitor.close();
});

test("forgot password answers the same for unknown addresses and mails only real accounts", async ({ page }) => {
  const email = uniqueEmail("forgot");
  await register(page, { email });
  await signOut(page);
  const unknown = uniqueEmail("unknown");
  await requestReset(page, unknown);
  const unknownAnswer = await page.getByRole("status").textContent();
  await requestReset(page, email);
  expect(await page.getByRole("status").textContent()).toBe(unknownAnswer);
  await waitForMail(email, /Reset your password/);
  await page.waitForTimeout(500);
  expect(mailsTo(unknown)).toHaveLength(0);
});

test("a reset link works once, ends every session, signs nobody in and tells the owner", async ({ page, browser }) => {
  const email = uniqueEmail("reset");
  await register(page, { email });
  const other = await newClient(browser);
  const otherPage = await other.newPage();
  await signIn(otherPage, email);
  await expect(otherPage).toHaveURL(/\/account$/);
  await signOut(page);

  await requestReset(page, email);
  const link = firstLink(await waitForMail(email, /Reset your password/), "/reset-password?token=");
  const response = await page.goto(link);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  // A refused password keeps the link usable.
  await chooseNewPassword(page, link, "password123");
  await expect(page.getByText(/commonly used password/)).toBeVisible();
  await chooseNewPassword(page, link, OTHER_STRONG_PASSWORD);
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Your password has been reset" })).toBeVisible();
  expect(await sessionCount(email)).toBe(0);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();

  const notice = await waitForMail(email, /Your password was changed/);
  expect(notice.text).toContain("This wasn't me");

  await page.goto(link);
  await expect(page.getByText("This reset link has already been used")).toBeVisible();
  await signIn(page, email, STRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText("Invalid email or password.");
  await signIn(page, email, OTHER_STRONG_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
});

test("a reset link expires, and a newer one voids the older", async ({ page }) => {
  const email = uniqueEmail("expiry");
  await register(page, { email });
  await signOut(page);
  await requestReset(page, email);
  const first = firstLink(await waitForMail(email, /Reset your password/), "/reset-password?token=");
  // Drive time through the stored expiry rather than sleeping for an hour.
  await query(`UPDATE "AuthToken" SET "expiresAt" = now() - interval '1 second' WHERE email = $1 AND purpose = 'PASSWORD_RESET'`, [email]);
  await page.goto(first);
  await expect(page.getByText("This reset link has expired.")).toBeVisible();

  await requestReset(page, email);
  await expect.poll(() => mailsTo(email).filter((m) => /Reset your password/.test(m.subject)).length).toBe(2);
  const second = firstLink(mailsTo(email).filter((m) => /Reset your password/.test(m.subject))[1], "/reset-password?token=");
  await requestReset(page, email);
  await expect.poll(() => mailsTo(email).filter((m) => /Reset your password/.test(m.subject)).length).toBe(3);
  await page.goto(second);
  await expect(page.getByText("This reset link has already been used, or a newer one was sent.")).toBeVisible();
});

test("emailed links use AUTH_URL even when the request names another host", async ({ browser, baseURL }) => {
  const context = await newClient(browser, { extraHTTPHeaders: { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" } });
  const page = await context.newPage();
  const email = uniqueEmail("host");
  await register(page, { email });
  await signOut(page);
  await requestReset(page, email);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("we've emailed it a sign-in link");
  for (const subject of [/Confirm your email/, /Reset your password/, /Your sign-in link/]) {
    const mail = await waitForMail(email, subject);
    expect(mail.text).not.toContain("evil.example");
    expect(mail.html).not.toContain("evil.example");
    expect(mail.text).toContain(`${baseURL}/`);
  }
  await context.close();
});

test("an emailed sign-in link signs in with a database session; unknown addresses get nothing", async ({ page, baseURL }) => {
  const email = uniqueEmail("magic");
  await register(page, { email });
  await signOut(page);
  await page.goto("/login?callbackUrl=%2Faccount%2Fprofile");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("we've emailed it a sign-in link");
  const unknown = uniqueEmail("nomagic");
  await page.getByLabel("Email").fill(unknown);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("we've emailed it a sign-in link");

  const link = firstLink(await waitForMail(email, /Your sign-in link/), "/api/auth/callback/nodemailer");
  expect(link.startsWith(`${baseURL}/api/auth/callback/nodemailer`)).toBe(true);
  await page.goto(link);
  await expect(page).toHaveURL(`${baseURL}/account/profile`);
  const rows = await query<{ method: string; ip: string | null; sessionToken: string }>(
    `SELECT s.method, s.ip, s."sessionToken" FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`,
    [email],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0].method).toBe("email");
  expect(rows[0].ip).toBeTruthy();
  expect(rows[0].sessionToken).toMatch(/^[0-9a-f]{64}$/);
  // The link also confirms the address, and works only once.
  await page.goto("/account");
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  await signOut(page);
  await page.goto(link);
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  expect(mailsTo(unknown)).toHaveLength(0);
  expect(await query(`SELECT 1 FROM "User" WHERE email = $1`, [unknown])).toHaveLength(0);
});

test("changing the email confirms at the new address and tells the old one", async ({ page }) => {
  const oldEmail = uniqueEmail("old");
  const newEmail = uniqueEmail("new");
  await register(page, { email: oldEmail, name: "Mover" });
  await page.goto("/account/profile");
  await page.getByLabel("Name").fill("Mover Renamed");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name has been saved.")).toBeVisible();

  await page.getByLabel("Email").fill(newEmail.toUpperCase());
  await page.getByLabel("Current password").fill("not the password");
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText("Your current password is not correct.")).toBeVisible();
  await page.getByLabel("Current password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText("We've emailed a confirmation link to the new address.")).toBeVisible();

  const warned = await waitForMail(oldEmail, /about to change/);
  expect(warned.text).toContain(newEmail);
  expect(warned.text).toContain("This wasn't me");
  await page.goto("/account");
  await expect(page.getByText(oldEmail, { exact: true })).toBeVisible();

  const link = firstLink(await waitForMail(newEmail, /Confirm your new email address/), "/verify-email?token=");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Email changed" })).toBeVisible();
  await waitForMail(oldEmail, /Your email address was changed/);
  await page.goto("/account");
  await expect(page.getByText(newEmail, { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Hello, Mover Renamed" })).toBeVisible();
  await signOut(page);
  await signIn(page, newEmail);
  await expect(page).toHaveURL(/\/account$/);
});

test("an email change to a taken address answers the same and changes nothing", async ({ page, browser }) => {
  const taken = uniqueEmail("taken");
  const first = await newClient(browser);
  await register(await first.newPage(), { email: taken });
  await first.close();
  const email = uniqueEmail("mine");
  await register(page, { email });
  await page.goto("/account/profile");
  await page.getByLabel("Email").fill(taken);
  await page.getByLabel("Current password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText("We've emailed a confirmation link to the new address.")).toBeVisible();
  await waitForMail(taken, /Someone tried to use your address/);
  expect(mailsTo(taken).filter((m) => /Confirm your new email/.test(m.subject))).toHaveLength(0);
});

test("\"This wasn't me\" signs out everywhere and starts a reset", async ({ page, browser }) => {
  const email = uniqueEmail("notme");
  await register(page, { email });
  const attacker = await newClient(browser);
  const attackerPage = await attacker.newPage();
  await signIn(attackerPage, email);
  await expect(attackerPage).toHaveURL(/\/account$/);
  await attackerPage.goto("/account/password");
  await attackerPage.getByLabel("Current password").fill(STRONG_PASSWORD);
  await attackerPage.getByLabel("New password", { exact: true }).fill(OTHER_STRONG_PASSWORD);
  await attackerPage.getByLabel("Confirm new password").fill(OTHER_STRONG_PASSWORD);
  await attackerPage.getByRole("button", { name: "Change password" }).click();
  await expect(attackerPage.getByText("Your password has been changed.")).toBeVisible();

  const notice = await waitForMail(email, /Your password was changed/);
  const report = firstLink(notice, "/security-report?token=");
  const owner = await newClient(browser);
  const ownerPage = await owner.newPage();
  await ownerPage.goto(report);
  await ownerPage.getByRole("button", { name: "Secure my account" }).click();
  await expect(ownerPage.getByText("Done: your account is signed out everywhere")).toBeVisible();
  expect(await sessionCount(email)).toBe(0);
  await attackerPage.goto("/account");
  await expect(attackerPage).toHaveURL(/\/login/);
  const reset = firstLink(await waitForMail(email, /Reset your password/), "/reset-password?token=");
  await chooseNewPassword(ownerPage, reset, "granite walrus piano meadow");
  await expect(ownerPage).toHaveURL(/\/login\?reset=1$/);
  await attacker.close();
  await owner.close();
});

test("with SMTP down the user still gets the normal page; resend works once it is back", async ({ page }) => {
  const email = uniqueEmail("smtpdown");
  const restore = smtpDown();
  try {
    await register(page, { email });
    await expect(page).toHaveURL(/\/account/);
    await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
    await page.waitForTimeout(1000);
    expect(mailsTo(email)).toHaveLength(0);
  } finally {
    restore();
  }
  expect(await query(`SELECT 1 FROM "User" WHERE email = $1`, [email])).toHaveLength(1);
  await page.getByRole("button", { name: "Resend confirmation email" }).click();
  await expect(page.getByText("We've sent you a new confirmation link.")).toBeVisible();
  const link = firstLink(await waitForMail(email, /Confirm your email/), "/verify-email?token=");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Email confirmed" })).toBeVisible();
});
