import { expect, newClient, test } from "../support/test";
import type { Page } from "@playwright/test";
import { createAdmin } from "../support/cli";
import { register, sessionCookie, signIn, uniqueEmail } from "../support/helpers";
import { query } from "../support/db";

// Several people, several browsers and CLI runs in one test: more than the default minute on a
// loaded 2-core machine.
test.describe.configure({ timeout: 120_000 });

// ASVS 8.2.1/8.3.1: admin actions re-check the role on the server. A signed-in non-admin who
// gets hold of an admin's action request (the form's fields, as a proxy or a shared HAR would
// show them) and sends it with their own cookie from the app's origin — past the CSRF check —
// must change nothing.

/** The fields a server-action form posts (React renders them for no-JS submission). */
async function formFields(page: Page, selector: string): Promise<Record<string, string>> {
  return page.locator(selector).evaluate((form: HTMLFormElement) => {
    const fields: Record<string, string> = {};
    new FormData(form).forEach((value, key) => {
      if (typeof value === "string") fields[key] = value;
    });
    return fields;
  });
}

async function userRow(email: string) {
  const rows = await query<{ id: string; role: string; disabledAt: Date | null }>(
    `SELECT id, role, "disabledAt" FROM "User" WHERE email = $1`,
    [email],
  );
  return rows[0];
}

test("a non-admin replaying an admin's action requests changes nothing; the admin's own request works", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  const mallory = uniqueEmail("mallory");
  const malloryContext = await newClient(browser);
  await register(await malloryContext.newPage(), { email: mallory });
  const malloryCookie = (await sessionCookie(malloryContext, baseURL!))!;
  const { id } = await userRow(mallory);

  const admin = createAdmin("replayed-admin");
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  const adminCookie = (await sessionCookie(page.context(), baseURL!))!;

  // Capture the admin's "Make admin" and "Delete user" requests for Mallory's account.
  const captured: Array<{ path: string; fields: Record<string, string> }> = [];
  for (const action of ["promote", "disable", "delete"]) {
    const path = `/admin/users/${id}?confirm=${action}`;
    await page.goto(path);
    const fields = await formFields(page, "#confirm form");
    expect(Object.keys(fields).some((key) => key.startsWith("$ACTION"))).toBe(true);
    expect(fields.userId).toBe(id);
    if (action === "delete") fields.confirmEmail = mallory;
    captured.push({ path, fields });
  }

  const post = (path: string, fields: Record<string, string>, cookie?: { name: string; value: string }) =>
    request.post(path, {
      multipart: fields,
      headers: { origin: baseURL!, ...(cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {}) },
      maxRedirects: 0,
    });

  for (const { path, fields } of captured) {
    const asMallory = await post(path, fields, malloryCookie);
    // requireAdmin() calls forbidden(): 403 for a fetch from the page; for a no-JS form post like
    // this one Next.js 15.5 renders its not-found page instead (404). Either way, refused.
    expect([403, 404], path).toContain(asMallory.status());
    const signedOut = await post(path, fields);
    expect([302, 303, 307], path).toContain(signedOut.status());
    expect(signedOut.headers()["location"]).toContain("/login");
  }
  expect(await userRow(mallory)).toEqual({ id, role: "USER", disabledAt: null });
  expect(await query(`SELECT 1 FROM "AuditLog" WHERE "targetId" = $1`, [id])).toHaveLength(0);

  // The control: the same request with the admin's cookie works, so the replays above were real.
  const asAdmin = await post(captured[0].path, captured[0].fields, adminCookie);
  expect(asAdmin.status()).toBeLessThan(400);
  expect((await userRow(mallory)).role).toBe("ADMIN");
  await malloryContext.close();
});
