import type { Page } from "@playwright/test";
import { expect, newClient, test } from "../support/test";
import { OTHER_STRONG_PASSWORD, STRONG_PASSWORD, formAlert, register, signIn, uniqueEmail } from "../support/helpers";
import { firstLink, waitForMail } from "../support/mail";
import { query, sessionCount } from "../support/db";

// Pre-account-takeover: the attacker registers the victim's address before the victim does, adds
// second factors and keeps a browser signed in. When the victim gets in by an emailed sign-in link
// or a password reset (proving the inbox), the attacker's session, password and factors must go.

/**
 * The attacker's second factors, written straight into the database: an authenticator app (turned
 * on), a recovery code and a passkey, as if set up from /account/security while unconfirmed.
 */
async function addAttackerFactors(email: string) {
  const [{ id }] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  await query(`UPDATE "User" SET "totpSecret" = 'v1.attacker', "totpEnabledAt" = now(), "totpLastStep" = 1 WHERE id = $1`, [id]);
  await query(`INSERT INTO "RecoveryCode" (id, "userId", "codeHash") VALUES ($1, $2, $3)`, [`rc-${id}`, id, `attacker-${id}`]);
  await query(
    `INSERT INTO "Passkey" (id, "userId", "credentialId", "publicKey", "deviceType", name) VALUES ($1, $2, $3, '\\x010203', 'singleDevice', 'Attacker key')`,
    [`pk-${id}`, id, `cred-${id}`],
  );
}

async function factorsLeft(email: string) {
  const [row] = await query<{ totp: boolean; codes: string; passkeys: string; verified: boolean; password: boolean }>(
    `SELECT u."totpEnabledAt" IS NOT NULL OR u."totpSecret" IS NOT NULL AS totp,
            (SELECT count(*) FROM "RecoveryCode" r WHERE r."userId" = u.id) AS codes,
            (SELECT count(*) FROM "Passkey" p WHERE p."userId" = u.id) AS passkeys,
            u."emailVerified" IS NOT NULL AS verified, u."passwordHash" IS NOT NULL AS password
       FROM "User" u WHERE u.email = $1`,
    [email],
  );
  return { totp: row.totp, codes: Number(row.codes), passkeys: Number(row.passkeys), verified: row.verified, password: row.password };
}

/** The attacker registers the victim's address, adds factors, and stays signed in. */
async function preHijack(attacker: Page, email: string) {
  await register(attacker, { email, name: "Not the owner" });
  await expect(attacker).toHaveURL(/\/account/);
  await addAttackerFactors(email);
  // Control: the attack is real. The attacker's session works, and their password plus their
  // authenticator app is a way in (the password leads to the second step).
  await attacker.goto("/account");
  await expect(attacker.getByText(email, { exact: true })).toBeVisible();
  expect(await factorsLeft(email)).toEqual({ totp: true, codes: 1, passkeys: 1, verified: false, password: true });
}

async function expectAttackerLockedOut(attacker: Page, browser: import("@playwright/test").Browser, email: string, password: string) {
  // The attacker's kept session is dead on its next request.
  await attacker.goto("/account");
  await expect(attacker).toHaveURL(/\/login/);
  // Their password no longer signs in (and never reaches a second step).
  const again = await newClient(browser);
  const page = await again.newPage();
  await signIn(page, email, password);
  await expect(formAlert(page)).toHaveText("Invalid email or password.");
  await again.close();
}

test("a sign-in link claims the pre-registered account: attacker's session, password and factors gone, no second step", async ({ browser, baseURL }) => {
  const email = uniqueEmail("prehijack-link");
  const attackerContext = await newClient(browser);
  const attacker = await attackerContext.newPage();
  await preHijack(attacker, email);
  const control = await newClient(browser);
  const controlPage = await control.newPage();
  await signIn(controlPage, email, STRONG_PASSWORD);
  await expect(controlPage).toHaveURL(`${baseURL}/login/two-step`);
  await control.close();

  const victimContext = await newClient(browser);
  const victim = await victimContext.newPage();
  await victim.goto("/login");
  await victim.getByLabel("Email").fill(email);
  await victim.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(victim.getByRole("status")).toContainText("we've emailed it a sign-in link");
  await victim.goto(firstLink(await waitForMail(email, /Your sign-in link/), "/api/auth/callback/nodemailer"));
  // Straight in: no authentication code is asked of the owner.
  await expect(victim).toHaveURL(`${baseURL}/account`);
  await expect(victim.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(victim.getByText("Email confirmed, earlier access removed").first()).toBeVisible();

  await expectAttackerLockedOut(attacker, browser, email, STRONG_PASSWORD);
  expect(await factorsLeft(email)).toEqual({ totp: false, codes: 0, passkeys: 0, verified: true, password: false });
  // Only the owner's new session is left, and it still works.
  expect(await sessionCount(email)).toBe(1);
  await victim.goto("/account");
  await expect(victim).toHaveURL(`${baseURL}/account`);
  await attackerContext.close();
  await victimContext.close();
});

test("a password reset claims the pre-registered account the same way", async ({ browser, baseURL }) => {
  const email = uniqueEmail("prehijack-reset");
  const attackerContext = await newClient(browser);
  const attacker = await attackerContext.newPage();
  await preHijack(attacker, email);

  const victimContext = await newClient(browser);
  const victim = await victimContext.newPage();
  await victim.goto("/forgot-password");
  await victim.getByLabel("Email").fill(email);
  await victim.getByRole("button", { name: "Send reset link" }).click();
  await expect(victim.getByRole("status")).toContainText("If an account exists for that address");
  await victim.goto(firstLink(await waitForMail(email, /Reset your password/), "/reset-password?token="));
  await victim.getByLabel("New password", { exact: true }).fill(OTHER_STRONG_PASSWORD);
  await victim.getByLabel("Confirm new password").fill(OTHER_STRONG_PASSWORD);
  await victim.getByRole("button", { name: "Reset password" }).click();
  await expect(victim).toHaveURL(/\/login\?reset=1$/);

  await expectAttackerLockedOut(attacker, browser, email, STRONG_PASSWORD);
  expect(await factorsLeft(email)).toEqual({ totp: false, codes: 0, passkeys: 0, verified: true, password: true });
  // The owner signs in with the new password, and no second step is asked.
  await signIn(victim, email, OTHER_STRONG_PASSWORD);
  await expect(victim).toHaveURL(`${baseURL}/account`);
  await expect(victim.getByText("Email confirmed, earlier access removed").first()).toBeVisible();
  await attackerContext.close();
  await victimContext.close();
});
