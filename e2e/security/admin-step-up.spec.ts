import type { CDPSession, Page } from "@playwright/test";
import { expect, newClient, test } from "../support/test";
import { createAdmin } from "../support/cli";
import { confirmPasswordFor, signIn, signOut } from "../support/helpers";
import { firstLink, waitForMail } from "../support/mail";
import { query } from "../support/db";
import { startServer, type ExtraServer } from "../support/server";
import { currentStep, enableTotp, nextCode, wrongCode, type Authenticator as App } from "../support/totp";

// The attack: with REQUIRE_ADMIN_2FA, an admin who has a passkey but no authenticator app opened
// /admin with the password alone, or with an emailed link, because the gate asked whether the
// ACCOUNT had a second factor, not whether this SIGN-IN used one. Now a one-factor session is sent
// to /account/step-up, where the passkey (or a code) raises that same session to two factors.
//
// A second `next start` with REQUIRE_ADMIN_2FA=true and its own AUTH_URL (so passkey ceremonies
// and emailed links are for its origin), on the suite's database and mail capture.

let strict: ExtraServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  strict = await startServer({ REQUIRE_ADMIN_2FA: "true" }, { ownOrigin: true });
});

test.afterAll(() => {
  strict?.stop();
});

test.describe.configure({ timeout: 120_000 });

type Authenticator = { cdp: CDPSession; authenticatorId: string };

/** Chromium's virtual platform authenticator (as in e2e/passkeys.spec.ts). */
async function addAuthenticator(page: Page): Promise<Authenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { cdp, authenticatorId };
}

/** Off: /login's passkey autofill waits instead of signing straight in, so the password or link is what signs in. */
async function presence({ cdp, authenticatorId }: Authenticator, enabled: boolean) {
  await cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled });
}

/** A code the server will take: waits for the clock when the codes already used are ahead of it. */
async function freshCode(app: App): Promise<string> {
  while (app.lastStep > currentStep()) await new Promise((resolve) => setTimeout(resolve, 1_000));
  return nextCode(app);
}

const adminHeading = (page: Page) => page.getByRole("heading", { name: "Admin area" });

async function sessionRows(email: string) {
  return query<{ id: string; factors: number; method: string }>(
    `SELECT s.id, s.factors, s.method FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`,
    [email],
  );
}

/** /admin from this one-factor session: sent to step up, no admin content, in the browser and over raw HTTP. */
async function expectStepUpAsked(page: Page) {
  for (const path of ["/admin", "/admin/users"]) {
    const raw = await page.request.get(path, { maxRedirects: 0 });
    expect(raw.status(), path).toBeGreaterThanOrEqual(300);
    expect(raw.status(), path).toBeLessThan(400);
    expect(raw.headers().location, path).toBe(`/account/step-up?callbackUrl=${encodeURIComponent(path)}`);
    expect(await raw.text()).not.toContain("Admin area");
  }
  await page.goto("/admin");
  await expect(page).toHaveURL(`${strict!.origin}/account/step-up?callbackUrl=%2Fadmin`);
  await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
  await expect(adminHeading(page)).toHaveCount(0);
}

test("an admin with a passkey but no authenticator app: password and emailed-link sessions must step up with the passkey", async ({ browser }) => {
  const admin = createAdmin("stepup-passkey");
  const context = await newClient(browser, { baseURL: strict!.origin });
  const page = await context.newPage();
  const auth = await addAuthenticator(page);
  await presence(auth, false);

  // The admin adds a passkey (sudo mode: the password first).
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/account/security");
  await page.getByLabel("Passkey name").fill("Admin key");
  await confirmPasswordFor(page, "Add a passkey");
  await presence(auth, true);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText('Passkey "Admin key" added. You can now use it to sign in.');

  // 1. The password alone.
  await signOut(page);
  await presence(auth, false);
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  expect((await sessionRows(admin.email)).map((row) => [row.method, row.factors])).toEqual([["password", 1]]);
  await expectStepUpAsked(page);

  // The passkey raises this same session in place, and the admin area opens where it was going.
  const [before] = await sessionRows(admin.email);
  await presence(auth, true);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL(`${strict!.origin}/admin`);
  await expect(adminHeading(page)).toBeVisible();
  expect(await sessionRows(admin.email)).toEqual([{ ...before, factors: 2 }]);
  await page.goto("/account");
  await expect(page.getByRole("list", { name: "Security activity" })).toContainText("Confirmed with a second factor · Passkey");

  // 2. An emailed sign-in link: one factor as well.
  await signOut(page);
  await presence(auth, false);
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "sign-in link" })).toBeVisible();
  await page.goto(firstLink(await waitForMail(admin.email, /Your sign-in link/), "/api/auth/callback/nodemailer"));
  await expect(page).toHaveURL(/\/account$/);
  expect((await sessionRows(admin.email)).map((row) => [row.method, row.factors])).toEqual([["email", 1]]);
  await expectStepUpAsked(page);
  await presence(auth, true);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL(`${strict!.origin}/admin`);
  await expect(adminHeading(page)).toBeVisible();
  expect((await sessionRows(admin.email)).map((row) => [row.method, row.factors])).toEqual([["email", 2]]);
  await context.close();
});

test("an admin with an authenticator app: an older one-factor session steps up with a code; password + code opens /admin directly", async ({ browser }) => {
  const admin = createAdmin("stepup-totp");
  const context = await newClient(browser, { baseURL: strict!.origin });
  const page = await context.newPage();
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/account$/);
  // Set up during a password session: the session stays one factor (it was signed in before).
  const app = await enableTotp(page, admin.password);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expectStepUpAsked(page);

  // A wrong code is refused (and counted, as at sign-in); the right one raises the session.
  await page.getByLabel("Authentication code").fill(wrongCode(app));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not right, or was already used.")).toBeVisible();
  await expect(adminHeading(page)).toHaveCount(0);
  const [failed] = await query<{ count: string }>(
    `SELECT count(*) FROM "SecurityEvent" e JOIN "User" u ON u.id = e."userId" WHERE u.email = $1 AND e.type = 'SECOND_STEP_FAILED'`,
    [admin.email],
  );
  expect(Number(failed.count)).toBe(1);
  await page.getByLabel("Authentication code").fill(nextCode(app));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(`${strict!.origin}/admin`);
  await expect(adminHeading(page)).toBeVisible();

  // The control: a sign-in with the password and the code is two factors from the start.
  await signOut(page);
  await signIn(page, admin.email, admin.password, { callbackUrl: "/admin" });
  await expect(page).toHaveURL(/\/login\/two-step$/);
  await page.getByLabel("Authentication code").fill(await freshCode(app));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(`${strict!.origin}/admin`);
  await expect(adminHeading(page)).toBeVisible();
  expect((await sessionRows(admin.email)).map((row) => [row.method, row.factors])).toEqual([["password", 2]]);
  await context.close();
});
