import { expect, test } from "../support/test";
import { register, uniqueEmail } from "../support/helpers";

test("security headers on every response, a fresh CSP nonce per request", async ({ request, page }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const csp = first.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) {
    expect(csp).toContain(directive);
  }
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  const html = await first.text();
  const nonce = csp.match(/'nonce-([^']+)'/)![1];
  expect(html).toContain(`nonce="${nonce}"`);
  const headers = first.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toBeTruthy();
  expect(headers["strict-transport-security"]).toContain("max-age=");
  expect(headers["x-powered-by"]).toBeUndefined();

  // The pages work under the policy: no CSP violations while registering.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await register(page, { email: uniqueEmail("csp") });
  expect(violations).toEqual([]);
  const account = await page.request.get("/account");
  expect(account.headers()["cache-control"]).toContain("no-store");
});

test("a name with markup renders as text", async ({ page }) => {
  let dialog = false;
  page.on("dialog", async (d) => {
    dialog = true;
    await d.dismiss();
  });
  await register(page, { email: uniqueEmail("xss"), name: `<img src=x onerror=alert(1)>` });
  await expect(page.getByRole("heading", { name: "Hello, <img src=x onerror=alert(1)>" })).toBeVisible();
  expect(await page.locator("main img").count()).toBe(0);
  expect(dialog).toBe(false);
});
