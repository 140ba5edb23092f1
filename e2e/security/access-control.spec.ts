import { expect, test } from "../support/test";
import { register, uniqueEmail } from "../support/helpers";

test("signed out: /account and /admin redirect to sign in with the path", async ({ request }) => {
  for (const path of ["/account", "/account/password", "/admin"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(302);
    expect(response.headers()["location"]).toContain(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
});

test("a signed-in non-admin gets a 403 page on /admin", async ({ page }) => {
  await register(page, { email: uniqueEmail("nonadmin") });
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Access forbidden" })).toBeVisible();
  // Same layout, and the nav offers no Admin link.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("role=admin posted with registration gives no admin access", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Name").fill("Mallory");
  await page.getByLabel("Email").fill(uniqueEmail("mallory"));
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery staple");
  await page.getByLabel("Confirm password").fill("correct horse battery staple");
  await page.locator("form").evaluate((form) => {
    for (const [name, value] of [["role", "admin"], ["role", "ADMIN"], ["isAdmin", "true"]]) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
  });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByText("Member", { exact: true })).toBeVisible();
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
});

test("unknown paths get a 404 page in the same layout", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("health check and headers", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", db: "ok" });
  const home = await request.get("/");
  expect(home.headers()["x-powered-by"]).toBeUndefined();
  expect(home.headers()["x-content-type-options"]).toBe("nosniff");
  const login = await request.get("/account", { maxRedirects: 0 });
  expect(login.headers()["cache-control"]).toContain("no-store");
});
