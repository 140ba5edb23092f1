import { expect, test } from "../support/test";
import { cli, createAdmin } from "../support/cli";
import { confirmAction, openUser } from "../support/admin";
import { formAlert, signIn } from "../support/helpers";
import { query } from "../support/db";
import { LAST_ADMIN } from "../../lib/admin/messages";

// Several people, several browsers and CLI runs in one test: more than the default minute on a
// loaded 2-core machine.
test.describe.configure({ timeout: 120_000 });

// The last remaining admin cannot be demoted, disabled or deleted — by themself or
// anyone. (The race between two admins is proven in tests/integration/admin.test.ts.)

test("the last admin cannot remove their own admin role, disable or delete themself", async ({ page }) => {
  const admin = createAdmin("last-admin");
  // Make this the only enabled admin: admins made by earlier tests step down. Specs run one at a
  // time (playwright.config.ts: one worker), and every test makes the admins it needs.
  await query(`UPDATE "User" SET role = 'USER' WHERE role = 'ADMIN' AND email <> $1`, [admin.email]);

  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  await openUser(page, admin.email);

  for (const [button, typed] of [["Remove admin"], ["Disable"], ["Delete user", admin.email]]) {
    await confirmAction(page, button, typed);
    // Refused in plain words, in the question itself; "Cancel" goes back to the buttons.
    await expect(formAlert(page)).toHaveText(LAST_ADMIN);
    await page.getByRole("link", { name: "Cancel" }).click();
  }

  const [row] = await query<{ role: string; disabledAt: Date | null }>(`SELECT role, "disabledAt" FROM "User" WHERE email = $1`, [admin.email]);
  expect(row).toEqual({ role: "ADMIN", disabledAt: null });
  expect((await page.goto("/admin"))?.status()).toBe(200);
  const audit = await query(`SELECT 1 FROM "AuditLog" WHERE "targetEmail" = $1 AND action <> 'user.create'`, [admin.email]);
  expect(audit).toHaveLength(0);

  // The operator's CLI is held to the same rule…
  const demote = cli("user:set-role", ["--email", admin.email, "--role", "user"]);
  expect(demote.status).toBe(1);
  expect(demote.stderr).toContain(LAST_ADMIN);
  // …and is how access is recovered: a second admin, after which the first may step down.
  const second = createAdmin("second-admin");
  await query(`UPDATE "User" SET role = 'USER' WHERE email = $1`, [second.email]);
  const promote = cli("user:set-role", ["--email", second.email.toUpperCase(), "--role", "admin"]);
  expect(promote.status).toBe(0);
  expect(promote.stdout).toContain(`${second.email} is now an admin.`);
  await openUser(page, admin.email);
  await confirmAction(page, "Remove admin");
  await expect(page).toHaveURL(/\/account$/);
  expect((await page.goto("/admin"))?.status()).toBe(403);

  const entries = await query<{ actorEmail: string; before: unknown; after: unknown }>(
    `SELECT "actorEmail", before, after FROM "AuditLog" WHERE action = 'user.role' AND "targetEmail" = ANY($1) ORDER BY "createdAt"`,
    [[second.email, admin.email]],
  );
  expect(entries).toEqual([
    { actorEmail: "cli", before: { role: "USER" }, after: { role: "ADMIN" } },
    { actorEmail: admin.email, before: { role: "ADMIN" }, after: { role: "USER" } },
  ]);
});
