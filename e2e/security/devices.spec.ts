import type { Page } from "@playwright/test";
import { expect, newClient, test } from "../support/test";
import { STRONG_PASSWORD, formAlert, register, signIn, signOut, uniqueEmail } from "../support/helpers";
import { query, sessionCount } from "../support/db";

// /account/sessions ("Devices") and the security timeline on /account, from the browser: what
// a user sees of their own devices, and what an attacker cannot do to someone else's.

const FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

const devices = (page: Page) => page.getByRole("list", { name: "Signed-in devices" }).getByRole("listitem");
const thisDevice = (page: Page) => devices(page).filter({ hasText: "This device" });
const otherDevices = (page: Page) => devices(page).filter({ hasNotText: "This device" });
const activity = (page: Page) => page.getByRole("list", { name: "Security activity" }).getByRole("listitem");
const status = (page: Page) => page.locator("main").getByRole("status");

async function sessionIdsOf(email: string): Promise<string[]> {
  const rows = await query<{ id: string }>(`SELECT s.id FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`, [email]);
  return rows.map((row) => row.id);
}

test("two devices see each other; Sign out on a row ends that device on its next request", async ({ page, browser }) => {
  const email = uniqueEmail("devices");
  await register(page, { email });
  const other = await newClient(browser, { userAgent: FIREFOX_ON_LINUX, extraHTTPHeaders: { "X-Forwarded-For": "10.20.30.40" } });
  const otherPage = await other.newPage();
  await signIn(otherPage, email);
  await expect(otherPage).toHaveURL(/\/account$/);

  await page.goto("/account");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Devices" }).click();
  await expect(page).toHaveURL(/\/account\/sessions$/);
  await expect(devices(page)).toHaveCount(2);
  await expect(thisDevice(page)).toHaveCount(1);
  await expect(thisDevice(page)).toContainText("Registration");
  await expect(thisDevice(page).getByRole("button", { name: "Sign out" })).toHaveCount(0);
  const row = otherDevices(page);
  await expect(row).toContainText("Firefox 128 on Linux");
  await expect(row).toContainText("10.20.30.40");
  await expect(row).toContainText("Password");

  // The other device sees the same two, itself marked.
  await otherPage.goto("/account/sessions");
  await expect(devices(otherPage)).toHaveCount(2);
  await expect(thisDevice(otherPage)).toContainText("Firefox 128 on Linux");

  await row.getByRole("button", { name: "Sign out" }).click();
  await expect(status(page)).toHaveText("That device (Firefox 128 on Linux) has been signed out.");
  await expect(devices(page)).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Sign out other devices" })).toHaveCount(0);
  expect(await sessionCount(email)).toBe(1);

  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  await other.close();

  // This device goes on, and its timeline says which device was signed out.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
  await expect(activity(page).first()).toContainText("Session revoked · Firefox 128 on Linux");
});

test("Sign out other devices ends every other device and keeps this one", async ({ page, browser }) => {
  const email = uniqueEmail("others");
  await register(page, { email });
  const clients = await Promise.all([newClient(browser), newClient(browser)]);
  const pages = [];
  for (const client of clients) {
    const clientPage = await client.newPage();
    await signIn(clientPage, email);
    await expect(clientPage).toHaveURL(/\/account$/);
    pages.push(clientPage);
  }

  await page.goto("/account/sessions");
  await expect(devices(page)).toHaveCount(3);
  await page.getByRole("button", { name: "Sign out other devices" }).click();
  await expect(status(page)).toHaveText("2 other devices have been signed out.");
  await expect(devices(page)).toHaveCount(1);
  await expect(thisDevice(page)).toHaveCount(1);
  await expect(page.getByText("You are signed in on this device only.")).toBeVisible();
  expect(await sessionCount(email)).toBe(1);

  for (const clientPage of pages) {
    await clientPage.goto("/account/sessions");
    await expect(clientPage).toHaveURL(/\/login/);
  }
  await page.goto("/account/sessions");
  await expect(page).toHaveURL(/\/account\/sessions$/);
  await page.goto("/account");
  await expect(activity(page).first()).toContainText("Session revoked · 2 other devices");
  await Promise.all(clients.map((client) => client.close()));
});

test("a Sign out posted with another user's session id changes nothing", async ({ page, browser }) => {
  const alice = uniqueEmail("alice");
  const bob = uniqueEmail("bob");
  await register(page, { email: alice });
  const aliceLaptop = await newClient(browser);
  const laptopPage = await aliceLaptop.newPage();
  await signIn(laptopPage, alice);
  await expect(laptopPage).toHaveURL(/\/account$/);
  const bobClient = await newClient(browser);
  const bobPage = await bobClient.newPage();
  await register(bobPage, { email: bob });
  await expect(bobPage).toHaveURL(/\/account/);
  const [bobSession] = await sessionIdsOf(bob);
  const aliceSessions = (await sessionIdsOf(alice)).sort();
  expect(aliceSessions).toHaveLength(2);

  await page.goto("/account/sessions");
  await expect(devices(page)).toHaveCount(2);
  const row = otherDevices(page);
  // Tamper with the form as an attacker would: the hidden field now names Bob's session.
  await row.locator('input[name="sessionId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), bobSession);
  await row.getByRole("button", { name: "Sign out" }).click();
  await expect(formAlert(page)).toHaveText("That device is no longer signed in.");

  expect(await sessionIdsOf(bob)).toEqual([bobSession]);
  expect((await sessionIdsOf(alice)).sort()).toEqual(aliceSessions);
  await bobPage.goto("/account/sessions");
  await expect(bobPage).toHaveURL(/\/account\/sessions$/);
  await expect(devices(bobPage)).toHaveCount(1);
  // Nothing was recorded for Bob, and nothing as revoked for Alice.
  const revoked = await query(`SELECT 1 FROM "SecurityEvent" e JOIN "User" u ON u.id = e."userId" WHERE u.email IN ($1, $2) AND e.type = 'SESSION_REVOKED'`, [alice, bob]);
  expect(revoked).toHaveLength(0);
  await Promise.all([aliceLaptop.close(), bobClient.close()]);
});

test("markup in a name or a user agent is shown as text, on /account, in the timeline and in Devices", async ({ page, browser }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const name = "<img src=x onerror=alert(1)>";
  const userAgent = "<script>alert(2)</script><img src=x onerror=alert(3)>";
  const email = uniqueEmail("markup");
  await register(page, { name, email });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${name}`);

  const other = await newClient(browser, { userAgent });
  const otherPage = await other.newPage();
  await signIn(otherPage, email);
  await expect(otherPage).toHaveURL(/\/account$/);
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${name}`);
  const signedIn = activity(page).filter({ hasText: "Signed in · Password" });
  await expect(signedIn).toContainText("Unknown browser");

  await page.goto("/account/sessions");
  await expect(otherDevices(page)).toContainText("Unknown browser");
  await expect(otherDevices(page).getByText("Unknown browser")).toHaveAttribute("title", userAgent);

  // Escaped, not merely blocked by the CSP: no element was made from either string.
  for (const path of ["/account", "/account/sessions"]) {
    await page.goto(path);
    expect(await page.locator("main img, main script").count(), path).toBe(0);
  }
  expect(dialogs).toEqual([]);
  await other.close();
});

test("the timeline shows sign-ins, failed sign-ins and sign-outs in plain words", async ({ page }) => {
  const email = uniqueEmail("timeline");
  await register(page, { email });
  await signOut(page);
  await signIn(page, email, "wrong horse battery staple");
  await expect(formAlert(page)).toHaveText("Invalid email or password.");
  await signIn(page, email, STRONG_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);

  const entries = activity(page);
  await expect(entries).toHaveCount(4);
  await expect(entries.nth(0)).toContainText("Signed in · Password");
  await expect(entries.nth(1)).toContainText("Failed sign-in");
  await expect(entries.nth(2)).toContainText("Signed out");
  await expect(entries.nth(3)).toContainText("Signed in · Registration");
  // Browser and OS from the request (Playwright's desktop Chrome profile), and a UTC time.
  await expect(entries.nth(0)).toContainText(/Chrome \d+ on Windows/);
  await expect(entries.nth(0)).toContainText(/IP \d+\.\d+\.\d+\.\d+/);
  await expect(entries.nth(0).locator("time")).toContainText("UTC");
});

test("the dashboard shows the 5 newest events; Security activity pages by 10 with Newer and Older", async ({ page }) => {
  const email = uniqueEmail("pages");
  await register(page, { email });
  await query(
    `INSERT INTO "SecurityEvent" (id, "userId", type, ip, "userAgent", "createdAt")
     SELECT 'e2e-' || md5(random()::text) || g, u.id, 'SIGN_OUT', '10.0.0.' || g, 'curl/8.5.0', now() - make_interval(mins => g)
     FROM generate_series(1, 12) AS g, "User" u WHERE u.email = $1`,
    [email],
  );
  await page.goto("/account");
  await expect(activity(page)).toHaveCount(5);
  await expect(activity(page).first()).toContainText("Signed in · Registration");
  await expect(activity(page).last()).toContainText("IP 10.0.0.4");
  await page.getByRole("link", { name: "See all security activity" }).click();
  await expect(page).toHaveURL(/\/account\/activity$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Security activity");
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Activity" })).toHaveAttribute("aria-current", "page");
  await expect(activity(page)).toHaveCount(10);
  await expect(activity(page).first()).toContainText("Signed in · Registration");
  const pages = page.getByRole("navigation", { name: "Security activity pages" });
  await expect(pages.getByRole("link", { name: "Newer" })).toHaveCount(0);
  await pages.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/\/account\/activity\?page=2$/);
  await expect(activity(page)).toHaveCount(3);
  await expect(activity(page).last()).toContainText("IP 10.0.0.12");
  await expect(pages.getByRole("link", { name: "Older" })).toHaveCount(0);
  await pages.getByRole("link", { name: "Newer" }).click();
  await expect(activity(page)).toHaveCount(10);
  await expect(activity(page).first()).toContainText("Signed in · Registration");
  // A page number that is not one falls back to the first page, never an error.
  await page.goto("/account/activity?page=abc");
  await expect(activity(page)).toHaveCount(10);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Sign out on a row and Sign out other devices still work", async ({ page, browser }) => {
    const email = uniqueEmail("devices-nojs");
    await register(page, { email });
    const clients = await Promise.all([newClient(browser), newClient(browser)]);
    for (const client of clients) await signIn(await client.newPage(), email);
    await expect.poll(() => sessionCount(email)).toBe(3);

    await page.goto("/account/sessions");
    await expect(devices(page)).toHaveCount(3);
    await otherDevices(page).first().getByRole("button", { name: "Sign out" }).click();
    await expect(status(page)).toContainText("has been signed out.");
    await expect(devices(page)).toHaveCount(2);
    await page.getByRole("button", { name: "Sign out other devices" }).click();
    await expect(status(page).filter({ hasText: "other device" })).toHaveText("1 other device has been signed out.");
    await expect(devices(page)).toHaveCount(1);
    expect(await sessionCount(email)).toBe(1);
    await Promise.all(clients.map((client) => client.close()));
  });
});
