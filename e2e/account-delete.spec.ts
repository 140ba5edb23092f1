import fs from "node:fs/promises";
import { expect, test } from "./support/test";
import { STRONG_PASSWORD, register, sessionCookie, uniqueEmail } from "./support/helpers";
import { query } from "./support/db";

async function userIdOf(email: string): Promise<string | undefined> {
  return (await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]))[0]?.id;
}

test("deleting the account: wrong password refused; the right one deletes it, signs out, and frees the address", async ({ page, context, baseURL, playwright }) => {
  const email = uniqueEmail("delete");
  await register(page, { name: "Short Lived", email });
  const userId = await userIdOf(email);
  const cookie = (await sessionCookie(context, baseURL!))!;

  await page.goto("/account");
  await page.getByRole("link", { name: "Download your data or delete your account" }).click();
  await expect(page).toHaveURL(/\/account\/delete$/);
  await expect(page.getByLabel("Password")).toHaveAttribute("autocomplete", "current-password");

  await page.getByLabel("Password").fill("not my password at all");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("Your password is not correct.")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-describedby", /field-password-error/);
  expect(await userIdOf(email)).toBe(userId);

  await page.getByLabel("Password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/\?deleted=1$/);
  await expect(page.locator("main").getByRole("status")).toHaveText("Your account has been deleted.");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await sessionCookie(context, baseURL!)).toBeUndefined();

  // Everything went with the user.
  expect(await userIdOf(email)).toBeUndefined();
  for (const table of ["Session", "SecurityEvent", "AuthToken", "Account"]) {
    expect(await query(`SELECT 1 FROM "${table}" WHERE "userId" = $1`, [userId]), table).toHaveLength(0);
  }

  // The old cookie, replayed, opens nothing.
  const raw = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` } });
  const replay = await raw.get("/account", { maxRedirects: 0 });
  expect(replay.status()).toBe(302);
  expect(replay.headers()["location"]).toContain("/login?callbackUrl=%2Faccount");
  expect((await raw.get("/account/delete/data", { maxRedirects: 0 })).status()).toBe(302);
  await raw.dispose();

  // The address can be used again: a new account, not the old one.
  await register(page, { name: "Second Life", email });
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  await expect(page.getByRole("heading", { name: "Hello, Second Life" })).toBeVisible();
  expect(await userIdOf(email)).not.toBe(userId);
});

test("Download my data: a JSON attachment with the profile, and no secrets", async ({ page, context, baseURL, playwright }) => {
  const email = uniqueEmail("export");
  await register(page, { name: "Data Subject", email });
  await page.goto("/account/delete");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^account-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await fs.readFile((await download.path())!, "utf8");
  const data = JSON.parse(text);

  expect(data.profile).toMatchObject({ email, name: "Data Subject", role: "USER" });
  expect(data.sessions).toHaveLength(1);
  expect(data.sessions[0]).toMatchObject({ method: "registration" });
  expect(data.securityEvents[0]).toMatchObject({ type: "SIGN_IN", label: "Signed in" });
  expect(data.emailedLinks[0]).toMatchObject({ purpose: "EMAIL_CONFIRMATION", email });

  const keys = new Set<string>();
  const collect = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        keys.add(key);
        collect(inner);
      }
    }
  };
  collect(data);
  for (const secret of ["passwordHash", "sessionToken", "tokenHash", "access_token", "refresh_token"]) expect(keys).not.toContain(secret);
  // Nor their values under another name.
  const [stored] = await query<{ passwordHash: string; sessionToken: string; tokenHash: string }>(
    `SELECT u."passwordHash", s."sessionToken", t."tokenHash" FROM "User" u JOIN "Session" s ON s."userId" = u.id JOIN "AuthToken" t ON t."userId" = u.id WHERE u.email = $1`,
    [email],
  );
  for (const value of Object.values(stored)) expect(text).not.toContain(value);
  expect(text).not.toContain((await sessionCookie(context, baseURL!))!.value);

  const response = await page.request.get("/account/delete/data");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="account-data-/);
  expect(response.headers()["cache-control"]).toContain("no-store");

  // Signed out: nothing.
  const anonymous = await playwright.request.newContext({ baseURL });
  const refused = await anonymous.get("/account/delete/data", { maxRedirects: 0 });
  expect(refused.status()).toBe(302);
  expect(refused.headers()["location"]).toContain("/login?callbackUrl=%2Faccount%2Fdelete%2Fdata");
  await anonymous.dispose();
});
