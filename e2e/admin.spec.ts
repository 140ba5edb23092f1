import { expect, newClient, test } from "./support/test";
import { createAdmin } from "./support/cli";
import { auditRow, confirmAction, mainNav, notice, openUser } from "./support/admin";
import { formAlert, register, signIn, STRONG_PASSWORD, uniqueEmail } from "./support/helpers";
import { query, sessionCount } from "./support/db";
import { firstLink, waitForMail } from "./support/mail";
import { ADMIN_NOTICES, DELETE_MISMATCH } from "../lib/admin/messages";
import { ACCOUNT_DISABLED, RESET_DONE } from "../lib/auth/messages";

// Several people, several browsers and CLI runs in one test: more than the default minute on a
// loaded 2-core machine.
test.describe.configure({ timeout: 120_000 });

// The admin area through the browser: an admin made with the CLI acts on a member who is signed
// in in a browser of their own, and every action must show on the member's next request.

async function signInAsAdmin(page: import("@playwright/test").Page) {
  const admin = createAdmin();
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  return admin;
}

async function role(email: string) {
  const rows = await query<{ role: string; disabledAt: Date | null }>(`SELECT role, "disabledAt" FROM "User" WHERE email = $1`, [email]);
  return rows[0];
}

test("an admin finds a user by search, makes them an admin and removes it; their open browser follows on its next request", async ({
  page,
  browser,
  extraHTTPHeaders,
}) => {
  const member = uniqueEmail("member");
  const memberContext = await newClient(browser);
  const memberPage = await memberContext.newPage();
  await register(memberPage, { name: "Mia Member", email: member });
  await expect(mainNav(memberPage).getByRole("link", { name: "Admin" })).toHaveCount(0);

  const admin = await signInAsAdmin(page);
  await openUser(page, member);
  await expect(page.getByRole("heading", { name: "Mia Member", level: 1 })).toBeVisible();
  await expect(page.getByText("Sign-in factors")).toBeVisible();
  await expect(page.getByText("Password", { exact: true })).toBeVisible();

  await confirmAction(page, "Make admin");
  await expect(notice(page)).toHaveText(ADMIN_NOTICES.promoted);
  expect((await role(member)).role).toBe("ADMIN");
  // The member's session row is read on every request: the next one sees the new role.
  await memberPage.goto("/account");
  await expect(mainNav(memberPage).getByRole("link", { name: "Admin" })).toBeVisible();
  expect((await memberPage.goto("/admin"))?.status()).toBe(200);
  await expect(memberPage.getByRole("heading", { name: "Admin area" })).toBeVisible();

  await confirmAction(page, "Remove admin");
  await expect(notice(page)).toHaveText(ADMIN_NOTICES.demoted);
  await memberPage.goto("/account");
  await expect(mainNav(memberPage).getByRole("link", { name: "Admin" })).toHaveCount(0);
  expect((await memberPage.goto("/admin"))?.status()).toBe(403);

  // The member's own timeline says what happened, in plain words.
  await expect(page.getByText("Role changed by an admin").first()).toBeVisible();

  // Both changes are in the audit log: who, what, before → after, and the admin's IP.
  const ip = extraHTTPHeaders!["X-Forwarded-For"];
  const promoted = (await auditRow(page, member, "Changed role")).filter({ hasText: "role: USER → ADMIN" });
  await expect(promoted).toHaveCount(1);
  await expect(promoted).toContainText(admin.email);
  await expect(promoted).toContainText(ip);
  await expect(page.getByRole("row").filter({ hasText: "role: ADMIN → USER" })).toHaveCount(1);
  await memberContext.close();
});

test("disabling signs the user out at once and refuses sign-in; enabling lets them back", async ({ page, browser }) => {
  const member = uniqueEmail("disabled");
  const memberContext = await newClient(browser);
  const memberPage = await memberContext.newPage();
  await register(memberPage, { email: member });
  await signInAsAdmin(page);
  await openUser(page, member);

  await confirmAction(page, "Disable");
  await expect(notice(page)).toHaveText(ADMIN_NOTICES.disabled);
  expect(await sessionCount(member)).toBe(0);
  await memberPage.goto("/account");
  await expect(memberPage).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  await signIn(memberPage, member);
  await expect(formAlert(memberPage)).toHaveText(ACCOUNT_DISABLED);
  expect(await sessionCount(member)).toBe(0);
  // A disabled account gets no reset link either: the button is not offered.
  await expect(page.getByRole("button", { name: "Send password reset" })).toHaveCount(0);

  await confirmAction(page, "Enable");
  await expect(notice(page)).toHaveText(ADMIN_NOTICES.enabled);
  await signIn(memberPage, member);
  await expect(memberPage).toHaveURL(/\/account$/);

  await expect(await auditRow(page, member, "Disabled user")).toContainText("disabled: false → true");
  await expect(page.getByRole("row").filter({ hasText: "Enabled user" })).toContainText("disabled: true → false");
  await memberContext.close();
});

test("sign out everywhere, and revoking one session, end the user's sessions on their next request", async ({ page, browser }) => {
  const member = uniqueEmail("devices");
  const laptop = await newClient(browser);
  const laptopPage = await laptop.newPage();
  await register(laptopPage, { email: member });
  const phone = await newClient(browser);
  const phonePage = await phone.newPage();
  await signIn(phonePage, member);
  await expect(phonePage).toHaveURL(/\/account$/);
  expect(await sessionCount(member)).toBe(2);

  await signInAsAdmin(page);
  await openUser(page, member);
  await expect(page.getByText("Signed in on 2 devices.")).toBeVisible();
  // Each named as /account/sessions names it, from Playwright's desktop Chrome profile.
  await expect(page.getByText(/^Chrome \d+ on Windows 10$/)).toHaveCount(2);
  await page.getByRole("button", { name: "Revoke" }).first().click();
  await expect(notice(page)).toHaveText(ADMIN_NOTICES["session-revoked"]);
  expect(await sessionCount(member)).toBe(1);

  await confirmAction(page, "Sign out everywhere");
  await expect(notice(page)).toHaveText(ADMIN_NOTICES["signed-out"]);
  await expect(page.getByText("Not signed in anywhere.")).toBeVisible();
  expect(await sessionCount(member)).toBe(0);
  for (const device of [laptopPage, phonePage]) {
    await device.goto("/account");
    await expect(device).toHaveURL(/\/login/);
  }
  // Not disabled: they can sign in again.
  await signIn(phonePage, member);
  await expect(phonePage).toHaveURL(/\/account$/);
  await expect(await auditRow(page, member, "Signed out everywhere")).toContainText("sessions: 1 → 0");
  await expect(page.getByRole("row").filter({ hasText: "Revoked a session" })).toHaveCount(1);
  await laptop.close();
  await phone.close();
});

test("send password reset: the link arrives and works", async ({ page, browser }) => {
  const member = uniqueEmail("reset");
  const memberContext = await newClient(browser);
  const memberPage = await memberContext.newPage();
  await register(memberPage, { email: member });
  await signInAsAdmin(page);
  await openUser(page, member);

  await confirmAction(page, "Send password reset");
  await expect(notice(page)).toHaveText(ADMIN_NOTICES["reset-sent"]);
  const mail = await waitForMail(member, /Reset your password/);
  await memberPage.goto(firstLink(mail, "/reset-password"));
  await memberPage.getByLabel("New password", { exact: true }).fill("violet kettle orbit lantern");
  await memberPage.getByLabel("Confirm new password").fill("violet kettle orbit lantern");
  await memberPage.getByRole("button", { name: "Reset password" }).click();
  await expect(memberPage.getByText(RESET_DONE)).toBeVisible();

  await page.reload();
  await expect(page.getByText("Password reset sent by an admin")).toBeVisible();
  await expect(await auditRow(page, member, "Sent password reset")).toContainText("resetEmailSent: true");
  await memberContext.close();
});

test("an admin sees a user's sign-in factors and resets them; audited, on the user's timeline, and the user is emailed", async ({
  page,
  browser,
}) => {
  const member = uniqueEmail("factors");
  const memberContext = await newClient(browser);
  const memberPage = await memberContext.newPage();
  await register(memberPage, { email: member });
  // Factors straight into the database: the TOTP and passkey set-up pages are built elsewhere.
  const [{ id }] = await query<{ id: string }>(
    `UPDATE "User" SET "totpSecret" = 'sealed', "totpEnabledAt" = now() - interval '2 days' WHERE email = $1 RETURNING id`,
    [member],
  );
  await query(
    `INSERT INTO "RecoveryCode" (id, "userId", "codeHash", "usedAt") SELECT $1 || '-rc-' || i, $1, md5($1 || i), CASE WHEN i = 1 THEN now() END
     FROM generate_series(1, 4) AS i`,
    [id],
  );
  await query(
    `INSERT INTO "Passkey" (id, "userId", "credentialId", "publicKey", transports, "deviceType", name)
     VALUES ($1 || '-pk', $1, $1 || '-cred', decode('0102', 'hex'), ARRAY['internal'], 'multiDevice', 'Laptop')`,
    [id],
  );

  const admin = await signInAsAdmin(page);
  await openUser(page, member);
  const factors = page.locator('dl[aria-label="Sign-in factors"]');
  const item = (label: string) => factors.locator("div").filter({ has: page.getByText(label, { exact: true }) });
  await expect(page.getByText("Two-step sign-in is on")).toBeVisible();
  await expect(item("Authenticator app")).toContainText(/On since \d+ \w{3} \d{4}, \d{2}:\d{2} UTC/);
  await expect(item("Passkeys")).toContainText("1 passkey");
  await expect(item("Recovery codes left")).toContainText("3 unused");

  await confirmAction(page, "Reset two-step sign-in");
  await expect(notice(page)).toHaveText(ADMIN_NOTICES["factors-reset"]);
  await expect(page.getByText("Two-step sign-in is off")).toBeVisible();
  await expect(item("Authenticator app")).toContainText("Off");
  await expect(item("Passkeys")).toContainText("None");
  await expect(item("Recovery codes left")).toContainText("None");
  // Nothing left to reset: the button is no longer offered.
  await expect(page.getByRole("button", { name: "Reset two-step sign-in" })).toHaveCount(0);
  const [left] = await query<{ totp: Date | null; passkeys: string; codes: string }>(
    `SELECT u."totpEnabledAt" AS totp, (SELECT count(*) FROM "Passkey" WHERE "userId" = u.id) AS passkeys,
            (SELECT count(*) FROM "RecoveryCode" WHERE "userId" = u.id) AS codes FROM "User" u WHERE u.id = $1`,
    [id],
  );
  expect(left).toEqual({ totp: null, passkeys: "0", codes: "0" });

  // The user's timeline, on the admin's page and their own.
  const removed = "Removed authenticator app, 1 passkey and 3 recovery codes";
  await expect(page.getByText("Two-step sign-in reset by an admin")).toContainText(removed);
  await memberPage.goto("/account");
  await expect(memberPage.getByRole("list", { name: "Security activity" }).getByRole("listitem").first()).toContainText(
    `Two-step sign-in reset by an admin · ${removed}`,
  );

  const row = await auditRow(page, member, "Reset two-step sign-in");
  await expect(row).toContainText(admin.email);
  await expect(row).toContainText("authenticatorApp: true → false");
  await expect(row).toContainText("passkeys: 1 → 0");
  await expect(row).toContainText("recoveryCodes: 3 → 0");

  const mail = await waitForMail(member, /Two-step sign-in was turned off/);
  expect(mail.text).toContain("/account/security");
  expect(firstLink(mail, "/security-report?token=")).toBeTruthy();
  await memberContext.close();
});

test("deleting a user asks for their email typed exactly", async ({ page, browser }) => {
  const member = uniqueEmail("deleted");
  const memberContext = await newClient(browser);
  const memberPage = await memberContext.newPage();
  await register(memberPage, { email: member });
  await signInAsAdmin(page);
  await openUser(page, member);

  await confirmAction(page, "Delete user", uniqueEmail("someone-else"));
  await expect(page.getByText(DELETE_MISMATCH)).toBeVisible();
  expect(await query(`SELECT 1 FROM "User" WHERE email = $1`, [member])).toHaveLength(1);

  await page.getByLabel("Type the user's email address to confirm").fill(member.toUpperCase());
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/users\?done=deleted$/);
  await expect(notice(page)).toHaveText(ADMIN_NOTICES.deleted);
  expect(await query(`SELECT 1 FROM "User" WHERE email = $1`, [member])).toHaveLength(0);
  await memberPage.goto("/account");
  await expect(memberPage).toHaveURL(/\/login/);
  await signIn(memberPage, member, STRONG_PASSWORD);
  await expect(formAlert(memberPage)).toHaveText("Invalid email or password.");

  // The entry outlives the account, with what it was.
  const row = await auditRow(page, member, "Deleted user");
  await expect(row).toContainText(`email: ${member} → deleted`);
  await expect(row).toContainText("role: USER → deleted");
  await memberContext.close();
});

test("the users list pages with Next and Previous, keeping the search and the sort", async ({ page }) => {
  const tag = uniqueEmail("paged").split("@")[0];
  await query(
    `INSERT INTO "User" (id, email, name, "createdAt", "updatedAt", "lastSignInAt")
     SELECT $1 || '-' || i, $1 || '-' || i || '@example.test', 'Paged ' || i, now() - i * interval '1 minute', now(),
            CASE WHEN i % 3 = 0 THEN NULL ELSE now() - i * interval '1 hour' END
     FROM generate_series(1, 60) AS i`,
    [tag],
  );
  await signInAsAdmin(page);
  await page.goto("/admin/users");
  await page.getByLabel("Search users").fill(tag.toUpperCase());
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("60 matches")).toBeVisible();
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText(`${tag}-1@example.test`);
  await expect(page.getByRole("link", { name: "Previous" })).toHaveCount(0);

  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag.toUpperCase()}.*after=`));
  await expect(rows).toHaveCount(10);
  await expect(rows.last()).toContainText(`${tag}-60@example.test`);
  await expect(page.getByRole("link", { name: "Next" })).toHaveCount(0);
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText(`${tag}-1@example.test`);
  await expect(page.getByRole("link", { name: "Previous" })).toHaveCount(0);

  // Sorting by last sign-in, newest first: never-signed-in users last.
  await page.getByRole("link", { name: /^Last sign-in/ }).click();
  await expect(page).toHaveURL(/sort=signin/);
  await expect(page).toHaveURL(/q=/);
  await expect(rows.first()).toContainText(`${tag}-1@example.test`);
  await page.getByRole("link", { name: "Next" }).click();
  await expect(rows.last()).toContainText("Never");
  // Oldest first.
  await page.getByRole("link", { name: /^Last sign-in/ }).click();
  await expect(page).toHaveURL(/order=asc/);
  await expect(rows.first()).toContainText(`${tag}-59@example.test`);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the search form and a confirmed action work", async ({ page, browser }) => {
    const member = uniqueEmail("nojs-member");
    const memberContext = await newClient(browser);
    await register(await memberContext.newPage(), { email: member });
    await signInAsAdmin(page);
    await openUser(page, member);
    await confirmAction(page, "Disable");
    await expect(notice(page)).toHaveText(ADMIN_NOTICES.disabled);
    expect((await role(member)).disabledAt).not.toBeNull();
    await confirmAction(page, "Delete user", "wrong@example.test");
    await expect(page.getByText(DELETE_MISMATCH)).toBeVisible();
    await page.getByLabel("Type the user's email address to confirm").fill(member);
    await page.getByRole("button", { name: "Confirm", exact: true }).click();
    await expect(notice(page)).toHaveText(ADMIN_NOTICES.deleted);
    await memberContext.close();
  });
});
