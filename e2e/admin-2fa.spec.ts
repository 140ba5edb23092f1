import { expect, newClient, test } from "./support/test";
import { createAdmin } from "./support/cli";
import { openUser } from "./support/admin";
import { register, signIn, uniqueEmail } from "./support/helpers";
import { query } from "./support/db";
import { startServer, type ExtraServer } from "./support/server";
import { ADMIN_2FA_REQUIRED } from "../lib/admin/messages";

// REQUIRE_ADMIN_2FA=true, through the browser. The suite's server runs without it (the other
// admin specs use admins without a second factor), so this file starts a second `next start` of
// the same build, on the same database, with the setting on (e2e/support/server.ts). The full
// rule (every admin action; the account's factor and the session's strength) is in
// tests/integration/factors.test.ts and session-strength.test.ts; stepping up in the browser is
// e2e/security/admin-step-up.spec.ts.

let strict: ExtraServer | undefined;
let strictOrigin = "";

test.beforeAll(async () => {
  test.setTimeout(90_000);
  // Same environment as the suite's server (AUTH_URL included: links and the Origin check stay the
  // suite's), plus the setting under test.
  strict = await startServer({ REQUIRE_ADMIN_2FA: "true" });
  strictOrigin = strict.origin;
});

test.afterAll(() => {
  strict?.stop();
});

test.describe.configure({ timeout: 120_000 });

test("an admin without a second factor is sent to set one up before /admin opens", async ({ page }) => {
  const admin = createAdmin("admin2fa");
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  // The suite's server, without the setting: the admin area opens.
  expect((await page.goto("/admin"))?.status()).toBe(200);

  for (const path of ["/admin", "/admin/users", "/admin/audit"]) {
    await page.goto(`${strictOrigin}${path}`);
    await expect(page).toHaveURL(`${strictOrigin}/account/security?required=admin`);
  }
  await expect(page.locator("main").getByText(ADMIN_2FA_REQUIRED)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  // Without ?required=admin the page does not nag.
  await page.goto(`${strictOrigin}/account/security`);
  await expect(page.getByText(ADMIN_2FA_REQUIRED)).toHaveCount(0);

  // Once the admin has a second factor (a passkey, seeded), this password session is asked to step
  // up; a session signed in with two factors (as a passkey or a code makes it) opens the area.
  await query(
    `INSERT INTO "Passkey" (id, "userId", "credentialId", "publicKey", transports, "deviceType", name)
     SELECT u.id || '-pk', u.id, u.id || '-cred', decode('0102', 'hex'), ARRAY['internal'], 'multiDevice', 'Key' FROM "User" u WHERE u.email = $1`,
    [admin.email],
  );
  await page.goto(`${strictOrigin}/admin`);
  await expect(page).toHaveURL(`${strictOrigin}/account/step-up?callbackUrl=%2Fadmin`);
  await query(`UPDATE "Session" s SET factors = 2 FROM "User" u WHERE u.id = s."userId" AND u.email = $1`, [admin.email]);
  expect((await page.goto(`${strictOrigin}/admin`))?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Admin area" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin action posted to that server is refused and changes nothing", async ({ page, browser }) => {
    const member = uniqueEmail("admin2fa-member");
    const memberContext = await newClient(browser);
    await register(await memberContext.newPage(), { email: member });
    await memberContext.close();
    const admin = createAdmin("admin2fa-actor");
    await signIn(page, admin.email, admin.password);
    await expect(page).toHaveURL(/\/account$/);

    // The question comes from the suite's server; its Confirm form is posted to the strict one
    // (same build, so the same server action).
    await openUser(page, member);
    await page.getByRole("button", { name: "Disable", exact: true }).click();
    await page.route("**/admin/users/**", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const url = new URL(route.request().url());
      const response = await route.fetch({ url: `${strictOrigin}${url.pathname}${url.search}`, maxRedirects: 0 });
      await route.fulfill({ response });
    });
    await page.getByRole("button", { name: "Confirm", exact: true }).click();
    // (The browser keeps the question's #confirm fragment across the redirect.)
    await expect(page).toHaveURL(/\/account\/security\?required=admin(#confirm)?$/);
    await expect(page.locator("main").getByText(ADMIN_2FA_REQUIRED)).toBeVisible();

    const [row] = await query<{ disabledAt: Date | null }>(`SELECT "disabledAt" FROM "User" WHERE email = $1`, [member]);
    expect(row.disabledAt).toBeNull();
    expect(await query(`SELECT 1 FROM "AuditLog" WHERE "actorEmail" = $1`, [admin.email])).toHaveLength(0);
  });
});
