import { expect, newClient, test } from "./support/test";
import { OTHER_STRONG_PASSWORD, STRONG_PASSWORD, formAlert, register, sessionCookie, signIn, signOut, uniqueEmail } from "./support/helpers";
import { sessionCount } from "./support/db";

test("register → account → sign out → sign in with remember me → change password → old password fails", async ({ page, browser, baseURL }) => {
  const email = uniqueEmail("journey");
  await register(page, { name: "Ada Lovelace", email });
  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByRole("heading", { name: "Hello, Ada Lovelace" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText("Not confirmed")).toBeVisible();
  await expect(page.getByText("Check your inbox")).toBeVisible();
  // Registration signs in with a browser-session cookie (no Expires).
  const registered = await sessionCookie(page.context(), baseURL!);
  expect(registered?.expires).toBe(-1);
  expect(registered?.httpOnly).toBe(true);
  expect(registered?.sameSite).toBe("Lax");

  await signOut(page);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);

  await signIn(page, email, STRONG_PASSWORD, { remember: true });
  await expect(page).toHaveURL(/\/account$/);
  const remembered = await sessionCookie(page.context(), baseURL!);
  const days = (remembered!.expires * 1000 - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29);
  expect(days).toBeLessThanOrEqual(30.01);

  // A second device, to see it signed out by the password change.
  const other = await newClient(browser);
  const otherPage = await other.newPage();
  await signIn(otherPage, email);
  await expect(otherPage).toHaveURL(/\/account$/);
  expect(await sessionCount(email)).toBe(2);
  await expect(page.getByText("Signed-in devices")).toBeVisible();

  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(STRONG_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(OTHER_STRONG_PASSWORD);
  await page.getByLabel("Confirm new password").fill(OTHER_STRONG_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password has been changed" })).toContainText("1 other device was signed out");
  const rotated = await sessionCookie(page.context(), baseURL!);
  expect(rotated?.value).not.toBe(remembered?.value);
  // This device continues; the other one is out on its next request.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login/);
  expect(await sessionCount(email)).toBe(1);
  await other.close();

  await signOut(page);
  await signIn(page, email, STRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText("Invalid email or password.");
  await signIn(page, email, OTHER_STRONG_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
});

test("password change refuses a wrong current password and a weak new one", async ({ page }) => {
  const email = uniqueEmail("pwchange");
  await register(page, { email });
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill(OTHER_STRONG_PASSWORD);
  await page.getByLabel("Confirm new password").fill(OTHER_STRONG_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is not correct.")).toBeVisible();

  await page.getByLabel("Current password").fill(STRONG_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("password123");
  await page.getByLabel("Confirm new password").fill("password123");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/commonly used password/)).toBeVisible();
});

test("registration validates next to each field and keeps what was typed", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Name").fill("Grace Hopper");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("password123");
  await page.getByLabel("Confirm password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText(/commonly used password/)).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Grace Hopper");
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-describedby", /field-email-error/);

  await page.getByLabel("Email").fill(uniqueEmail("grace"));
  await page.getByLabel("Password", { exact: true }).fill(STRONG_PASSWORD);
  await page.getByLabel("Confirm password").fill(`${STRONG_PASSWORD}!`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();
});

test("registering an existing address (any case) creates nothing and signs nobody in", async ({ page, browser }) => {
  const email = uniqueEmail("taken");
  await register(page, { email });
  await expect(page).toHaveURL(/\/account/);

  const visitor = await newClient(browser);
  const visitorPage = await visitor.newPage();
  await register(visitorPage, { email: email.toUpperCase(), password: OTHER_STRONG_PASSWORD });
  await expect(visitorPage).toHaveURL(/\/register\/check-email$/);
  await expect(visitorPage.getByText("Check your inbox: we've emailed this address with what to do next.")).toBeVisible();
  expect((await visitor.cookies()).filter((cookie) => cookie.name.includes("session-token"))).toHaveLength(0);
  await visitorPage.goto("/account");
  await expect(visitorPage).toHaveURL(/\/login/);
  await visitor.close();
  // The owner's password still works; the visitor's does not.
  expect(await sessionCount(email)).toBe(1);
});

test("names and addresses beyond ASCII work through every page", async ({ page }) => {
  const email = uniqueEmail("unicode");
  await register(page, { email, name: "Zoë 山田 🦊" });
  await expect(page.getByRole("heading", { name: "Hello, Zoë 山田 🦊" })).toBeVisible();
  await page.goto("/account/password");
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
  await page.goto("/account/profile");
  await expect(page.getByLabel("Name")).toHaveValue("Zoë 山田 🦊");
});
