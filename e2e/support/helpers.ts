import { expect, type BrowserContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

/** A password the policy accepts. */
export const STRONG_PASSWORD = "correct horse battery staple";
export const OTHER_STRONG_PASSWORD = "violet kettle orbit lantern";

export function uniqueEmail(tag = "user"): string {
  return `${tag}-${randomBytes(5).toString("hex")}@example.test`;
}

export const sessionCookieName = (baseURL: string) =>
  baseURL.startsWith("https://") ? "__Host-authjs.session-token" : "authjs.session-token";

export async function register(page: Page, user: { name?: string; email: string; password?: string }) {
  await page.goto("/register");
  await page.getByLabel("Name").fill(user.name ?? "Test User");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password ?? STRONG_PASSWORD);
  await page.getByLabel("Confirm password").fill(user.password ?? STRONG_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // Signed in on /account, or the neutral page for an address that already has an account.
  await page.waitForURL(/\/(account|register\/check-email)/);
}

export async function signIn(page: Page, email: string, password = STRONG_PASSWORD, options: { remember?: boolean; callbackUrl?: string } = {}) {
  await page.goto(options.callbackUrl ? `/login?callbackUrl=${encodeURIComponent(options.callbackUrl)}` : "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  if (options.remember) await page.getByLabel("Remember me").check();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
}

export async function sessionCookie(context: BrowserContext, baseURL: string) {
  const cookies = await context.cookies();
  return cookies.find((cookie) => cookie.name === sessionCookieName(baseURL));
}

/** The form-level message (scoped: Next's route announcer also has role=alert). */
export function formAlert(page: Page) {
  return page.locator("main").getByRole("alert");
}

/**
 * Sudo mode on /account/security: the form holding `button` asks for the current password until
 * this session has confirmed it (for a while); fills it in when it is asked for.
 */
export async function confirmPasswordFor(page: Page, button: string, password = STRONG_PASSWORD) {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: button, exact: true }) });
  await expect(form.getByRole("button", { name: button, exact: true })).toBeVisible();
  const field = form.getByLabel("Current password");
  if (await field.count()) await field.fill(password);
}
