import { expect, type Page } from "@playwright/test";

/** The app's main navigation (where "Admin" shows for admins). */
export const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** The success notice of an admin page (scoped: Next's route announcer is also a live region). */
export const notice = (page: Page) => page.locator("main").getByRole("status");

/** Finds a user with the "Search users" form and opens their page. */
export async function openUser(page: Page, email: string) {
  await page.goto("/admin/users");
  await page.getByLabel("Search users").fill(email);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=/);
  await page.getByRole("link", { name: email, exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/users\/[A-Za-z0-9_-]+$/);
}

/** Presses an action's button, then "Confirm" in the question that follows. */
export async function confirmAction(page: Page, button: string, typedEmail?: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page).toHaveURL(/[?&]confirm=/);
  if (typedEmail !== undefined) await page.getByLabel("Type the user's email address to confirm").fill(typedEmail);
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
}

/** The audit log's row for an action on a target, filtered through the page's GET form. */
export async function auditRow(page: Page, target: string, action: string) {
  await page.goto(`/admin/audit?target=${encodeURIComponent(target)}`);
  return page.getByRole("row").filter({ hasText: action });
}
