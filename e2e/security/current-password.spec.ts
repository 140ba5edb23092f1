import type { Page } from "@playwright/test";
import { expect, newClient, test } from "../support/test";
import { OTHER_STRONG_PASSWORD, STRONG_PASSWORD, formAlert, register, signIn, signOut, uniqueEmail } from "../support/helpers";
import { query } from "../support/db";

// A stolen session guessing the account's password through the forms that ask for it again
// (ASVS 6.3.1): wrong current passwords count toward the sign-in lockout of email + IP, and once
// it is reached even the right password is refused, with the lockout's message on the form.

// lib/rate-limit.ts SIGN_IN_MAX_FAILURES (that module is server-only, so not importable here).
const SIGN_IN_MAX_FAILURES = 5;
const WRONG = "wrong horse battery staple";
const LOCKED = /^Too many attempts, try again in 15 minutes\.$/;

async function changePassword(page: Page, current: string) {
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(OTHER_STRONG_PASSWORD);
  await page.getByLabel("Confirm new password").fill(OTHER_STRONG_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
}

async function deleteAccount(page: Page, password: string) {
  await page.goto("/account/delete");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Delete my account" }).click();
}

async function changeEmail(page: Page, newEmail: string, current: string) {
  await page.goto("/account/profile");
  await page.getByLabel("Email").fill(newEmail);
  await page.getByLabel("Current password").fill(current);
  await page.getByRole("button", { name: "Change email" }).click();
}

test("wrong current passwords on the password form lock it like wrong sign-ins; the right one is then refused", async ({ page, browser }) => {
  const email = uniqueEmail("guess-pw");
  await register(page, { email });
  for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
    await changePassword(page, WRONG);
    await expect(page.getByText("Your current password is not correct.")).toBeVisible();
  }
  await changePassword(page, STRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText(LOCKED);
  await expect(page.getByText("Your current password is not correct.")).toHaveCount(0);

  // Nothing changed: from another device (another IP) the old password signs in, the new one does not.
  const other = await newClient(browser);
  const otherPage = await other.newPage();
  await signIn(otherPage, email, OTHER_STRONG_PASSWORD);
  await expect(formAlert(otherPage)).toHaveText("Invalid email or password.");
  await signIn(otherPage, email, STRONG_PASSWORD);
  await expect(otherPage).toHaveURL(/\/account$/);
  await other.close();

  // This session was not ended, and it is the same lock as /login's: from this IP, sign-in is refused too.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
  await signOut(page);
  await signIn(page, email, STRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText(LOCKED);
  await expect(page).toHaveURL(/\/login/);
});

test("deletion and email change share the lock: the right password is then refused, the account and address stay", async ({ page, browser }) => {
  const email = uniqueEmail("guess-del");
  const newEmail = uniqueEmail("guess-moved");
  await register(page, { email });
  for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) {
    await deleteAccount(page, WRONG);
    await expect(page.getByText("Your password is not correct.")).toBeVisible();
  }
  // The last failure from the email form: one counter for every form that asks for the password.
  await changeEmail(page, newEmail, WRONG);
  await expect(page.getByText("Your current password is not correct.")).toBeVisible();

  await deleteAccount(page, STRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText(LOCKED);
  await expect(page).toHaveURL(/\/account\/delete$/);
  expect(await query(`SELECT 1 FROM "User" WHERE email = $1`, [email])).toHaveLength(1);

  await changeEmail(page, newEmail, STRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText(LOCKED);
  // What was typed stays in the form (the password never comes back); no link was made.
  await expect(page.getByLabel("Email")).toHaveValue(newEmail);
  await expect(page.getByLabel("Current password")).toHaveValue("");
  const links = await query(`SELECT 1 FROM "AuthToken" t JOIN "User" u ON u.id = t."userId" WHERE u.email = $1 AND t.purpose = 'EMAIL_CHANGE'`, [email]);
  expect(links).toHaveLength(0);

  // The account is whole: from another device its password still signs in, at its old address.
  const other = await newClient(browser);
  const otherPage = await other.newPage();
  await signIn(otherPage, email, STRONG_PASSWORD);
  await expect(otherPage).toHaveURL(/\/account$/);
  await expect(otherPage.getByText(email, { exact: true })).toBeVisible();
  await other.close();
});
