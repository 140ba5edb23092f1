import type { Browser, Page } from "@playwright/test";
import { expect, newClient, test } from "../support/test";
import { OTHER_STRONG_PASSWORD, STRONG_PASSWORD, formAlert, register, signIn, uniqueEmail } from "../support/helpers";
import { firstLink, mailsTo, waitForMail } from "../support/mail";
import { query, sessionCount } from "../support/db";

// Email-change takeover: an attacker with a stolen session (and the password) moves the account to
// an address of theirs. The victim's "This wasn't me", from either notice sent to the old address,
// must take the account back; the mail goes through the real SMTP capture of the e2e run.

/** The victim registers and confirms; the attacker signs in elsewhere and asks for the change. */
async function takeoverUnderWay(browser: Browser) {
  const email = uniqueEmail("takeover-victim");
  const attackerEmail = uniqueEmail("takeover-attacker");
  const victimContext = await newClient(browser);
  const victim = await victimContext.newPage();
  await register(victim, { email });
  await victim.goto(firstLink(await waitForMail(email, /Confirm your email/), "/verify-email?token="));
  await expect(victim.getByRole("heading", { name: "Email confirmed" })).toBeVisible();

  const attackerContext = await newClient(browser);
  const attacker = await attackerContext.newPage();
  await signIn(attacker, email, STRONG_PASSWORD);
  await expect(attacker).toHaveURL(/\/account$/);
  await attacker.goto("/account/profile");
  await attacker.getByLabel("Email").fill(attackerEmail);
  await attacker.getByLabel("Current password").fill(STRONG_PASSWORD);
  await attacker.getByRole("button", { name: "Change email" }).click();
  await expect(attacker.getByText("We've emailed a confirmation link to the new address.")).toBeVisible();
  const confirmLink = firstLink(await waitForMail(attackerEmail, /Confirm your new email address/), "/verify-email?token=");
  return { email, attackerEmail, victim, attacker, confirmLink, close: () => Promise.all([victimContext.close(), attackerContext.close()]) };
}

async function reportNotMe(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole("button", { name: "Secure my account" }).click();
}

test("\"This wasn't me\" on the change-requested notice voids the attacker's confirmation link", async ({ browser }) => {
  const { email, attackerEmail, victim, attacker, confirmLink, close } = await takeoverUnderWay(browser);
  const notice = await waitForMail(email, /about to change/);
  await reportNotMe(victim, firstLink(notice, "/security-report?token="));
  await expect(victim.getByText("Done: your account is signed out everywhere")).toBeVisible();

  // The attacker's link, followed afterwards, changes nothing.
  await attacker.goto(confirmLink);
  await expect(attacker.getByRole("heading", { name: "Email changed" })).toHaveCount(0);
  await expect(attacker.getByRole("heading", { name: "Link already used" })).toBeVisible();
  expect(await query(`SELECT 1 FROM "User" WHERE email = $1`, [email])).toHaveLength(1);
  expect(await query(`SELECT 1 FROM "User" WHERE email = $1`, [attackerEmail])).toHaveLength(0);
  expect(await sessionCount(email)).toBe(0);
  await waitForMail(email, /Reset your password/);
  await close();
});

test("\"This wasn't me\" on the email-changed notice returns the account to the old address, and the reset goes there", async ({ browser, baseURL }) => {
  const { email, attackerEmail, victim, attacker, confirmLink, close } = await takeoverUnderWay(browser);
  // Control: the takeover is real, the attacker's link moves the account to their address.
  await attacker.goto(confirmLink);
  await expect(attacker.getByRole("heading", { name: "Email changed" })).toBeVisible();
  await attacker.goto("/account");
  await expect(attacker.getByText(attackerEmail, { exact: true })).toBeVisible();

  const notice = await waitForMail(email, /Your email address was changed/);
  await reportNotMe(victim, firstLink(notice, "/security-report?token="));
  await expect(victim.getByText("Done: your account uses this email address again")).toBeVisible();

  // The attacker's sessions end, and their address signs nothing in.
  await attacker.goto("/account");
  await expect(attacker).toHaveURL(/\/login/);
  expect(await sessionCount(email)).toBe(0);
  await signIn(attacker, attackerEmail, STRONG_PASSWORD);
  await expect(formAlert(attacker)).toHaveText("Invalid email or password.");
  const [row] = await query<{ verified: boolean }>(`SELECT "emailVerified" IS NOT NULL AS verified FROM "User" WHERE email = $1`, [email]);
  expect(row.verified).toBe(true);

  // The reset link arrives at the old address, none at the attacker's.
  const reset = firstLink(await waitForMail(email, /Reset your password/), "/reset-password?token=");
  expect(mailsTo(attackerEmail).filter((mail) => /Reset your password/.test(mail.subject))).toHaveLength(0);
  await victim.goto(reset);
  await victim.getByLabel("New password", { exact: true }).fill(OTHER_STRONG_PASSWORD);
  await victim.getByLabel("Confirm new password").fill(OTHER_STRONG_PASSWORD);
  await victim.getByRole("button", { name: "Reset password" }).click();
  await expect(victim).toHaveURL(/\/login\?reset=1$/);
  await signIn(victim, email, OTHER_STRONG_PASSWORD);
  await expect(victim).toHaveURL(`${baseURL}/account`);
  await expect(victim.getByText(email, { exact: true })).toBeVisible();
  await expect(victim.getByText("Email changed back").first()).toBeVisible();
  await close();
});
