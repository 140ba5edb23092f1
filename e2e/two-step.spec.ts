import { test, expect } from "./support/test";
import { firstLink, waitForMail } from "./support/mail";
import { query } from "./support/db";
import { confirmPasswordFor, register, sessionCookie, signIn, signOut, uniqueEmail } from "./support/helpers";
import { enableTotp, nextCode } from "./support/totp";

test("set up an authenticator app, then sign in with password and code; codes and recovery codes work once", async ({ page, baseURL }) => {
  const email = uniqueEmail("totp");
  await register(page, { email });
  const app = await enableTotp(page);

  // Ten recovery codes, shown once, downloadable as text.
  expect(app.recoveryCodes).toHaveLength(10);
  for (const code of app.recoveryCodes) expect(code).toMatch(/^([a-z2-7]{4}-){5}[a-z2-7]{4}$/);
  const download = page.getByRole("link", { name: "Download codes" });
  await expect(download).toHaveAttribute("download", "recovery-codes.txt");
  expect(decodeURIComponent((await download.getAttribute("href"))!.split(",")[1])).toContain(app.recoveryCodes[0]);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("10 of 10 left")).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);
  await waitForMail(email, /Two-step sign-in was turned on/);
  // Stored encrypted, never as the key itself; the codes only as hashes.
  const [row] = await query<{ totpSecret: string }>(`SELECT "totpSecret" FROM "User" WHERE email = $1`, [email]);
  expect(row.totpSecret).toMatch(/^v1\./);
  const hashes = await query<{ codeHash: string }>(`SELECT "codeHash" FROM "RecoveryCode" r JOIN "User" u ON u.id = r."userId" WHERE u.email = $1`, [email]);
  expect(hashes.map((h) => h.codeHash)).not.toContain(app.recoveryCodes[0].replaceAll("-", ""));

  // Password (with "Remember me"), then the code.
  await signOut(page);
  await signIn(page, email, undefined, { remember: true });
  await expect(page).toHaveURL(`${baseURL}/login/two-step`);
  expect(await sessionCookie(page.context(), baseURL!)).toBeUndefined();
  const code = nextCode(app);
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(`${baseURL}/account`);
  // "Remember me" kept its meaning through the second step: a cookie for about 30 days.
  const remembered = await sessionCookie(page.context(), baseURL!);
  expect(remembered!.expires * 1000 - Date.now()).toBeGreaterThan(29 * 24 * 60 * 60_000);
  await expect(page.getByRole("heading", { name: /Recent security activity/i })).toBeVisible();

  // The same code again: refused, even with the right password first.
  await signOut(page);
  await signIn(page, email);
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(/That code is not right, or was already used/)).toBeVisible();
  expect(await sessionCookie(page.context(), baseURL!)).toBeUndefined();

  // A recovery code instead: works once, typed in any case and spacing.
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(app.recoveryCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(`${baseURL}/account`);
  await waitForMail(email, /A recovery code was used to sign in/);
  await expect(page.getByText("Recovery code used").first()).toBeVisible();
  await signOut(page);
  await signIn(page, email);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(app.recoveryCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(/That recovery code is not right, or was already used/)).toBeVisible();
  await page.getByLabel("Recovery code").fill(` ${app.recoveryCodes[1].toUpperCase().replaceAll("-", " ")} `);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(`${baseURL}/account`);

  // Regenerating and turning off ask for the password (sudo mode: a sign-in does not count).
  await page.goto("/account/security");
  await expect(page.getByText("8 of 10 left")).toBeVisible();
  await confirmPasswordFor(page, "Regenerate recovery codes", "not my password at all");
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await expect(page.getByText("Your password is not correct.")).toBeVisible();
  await confirmPasswordFor(page, "Regenerate recovery codes", "correct horse battery staple");
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  const freshList = page.getByRole("list", { name: "Recovery codes" });
  await expect(freshList.getByRole("listitem")).toHaveCount(10);
  const fresh = await freshList.getByRole("listitem").allInnerTexts();
  expect(fresh).toHaveLength(10);
  expect(fresh).not.toContain(app.recoveryCodes[2]);
  await page.getByRole("button", { name: "I have saved them" }).click();
  // Confirmed a moment ago: within the sudo window the password is not asked again.
  await confirmPasswordFor(page, "Turn off", "correct horse battery staple");
  await page.getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByRole("button", { name: "Set up authenticator app" })).toBeVisible();
  await page.goto("/account");
  // The newest entries are on the first page of the timeline; the whole history is in the table.
  for (const label of ["Recovery codes regenerated", "Authenticator app turned off"]) {
    await expect(page.getByText(label).first()).toBeVisible();
  }
  const events = await query<{ type: string }>(`SELECT e.type FROM "SecurityEvent" e JOIN "User" u ON u.id = e."userId" WHERE u.email = $1`, [email]);
  expect(events.map((e) => e.type)).toEqual(
    expect.arrayContaining(["TOTP_ENABLED", "SECOND_STEP_FAILED", "RECOVERY_CODE_USED", "RECOVERY_CODES_REGENERATED", "TOTP_DISABLED"]),
  );
  // Off again: the password alone signs in.
  await signOut(page);
  await signIn(page, email);
  await expect(page).toHaveURL(`${baseURL}/account`);
});

test("an emailed sign-in link also asks for the code, and remembers where it was going", async ({ page, baseURL }) => {
  const email = uniqueEmail("totp-link");
  await register(page, { email });
  // A confirmed address: an unconfirmed account entered by a link is claimed instead, and the claim
  // removes the factors set up before it (e2e/security/pre-hijacking.spec.ts).
  await page.goto(firstLink(await waitForMail(email, /Confirm your email/), "/verify-email?token="));
  const app = await enableTotp(page);
  await signOut(page);
  await page.goto("/login?callbackUrl=%2Faccount%2Fprofile");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("we've emailed it a sign-in link");
  await page.goto(firstLink(await waitForMail(email, /Your sign-in link/), "/api/auth/callback/nodemailer"));
  await expect(page).toHaveURL(`${baseURL}/login/two-step`);
  expect(await sessionCookie(page.context(), baseURL!)).toBeUndefined();
  await page.getByLabel("Authentication code").fill(nextCode(app));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(`${baseURL}/account/profile`);
  const sessions = await query<{ method: string }>(`SELECT s.method FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`, [email]);
  expect(sessions.map((s) => s.method)).toEqual(["email"]);
});

test("a setup is confirmed only by a right code, and can be cancelled", async ({ page }) => {
  await register(page, { email: uniqueEmail("totp-setup") });
  await page.goto("/account/security");
  await confirmPasswordFor(page, "Set up authenticator app");
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  // 000000 could be right by chance once in a million; the error names the problem.
  await expect(page.getByText(/That code is not right/)).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Set up authenticator app" })).toBeVisible();
});
