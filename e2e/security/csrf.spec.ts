import { expect, test } from "../support/test";
import type { Page } from "@playwright/test";
import { register, sessionCookie, uniqueEmail } from "../support/helpers";
import { sessionCount } from "../support/db";

/** The fields a server-action form posts (React renders them for no-JS submission). */
async function formFields(page: Page, selector: string): Promise<Record<string, string>> {
  return page.locator(selector).evaluate((form: HTMLFormElement) => {
    // A plain loop: with JavaScript turned off the page cannot run callbacks (FormData.forEach).
    const fields: Record<string, string> = {};
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string") fields[key] = value;
    }
    return fields;
  });
}

test("a cross-origin POST to a server action changes nothing; the same POST from the app works", async ({ page, context, browser, request, baseURL }) => {
  const email = uniqueEmail("csrf");
  await register(page, { email });
  const cookie = (await sessionCookie(context, baseURL!))!;
  // The server-rendered form, as a browser without JavaScript posts it (hydration replaces the
  // hidden action fields with a client-side action).
  const plain = await browser.newContext({ javaScriptEnabled: false });
  await plain.addCookies([{ name: cookie.name, value: cookie.value, url: baseURL! }]);
  const plainPage = await plain.newPage();
  await plainPage.goto("/account");
  const fields = await formFields(plainPage, 'nav[aria-label="Main"] form');
  await plain.close();
  expect(Object.keys(fields).some((key) => key.startsWith("$ACTION"))).toBe(true);
  const headers = { cookie: `${cookie.name}=${cookie.value}` };

  const attacks: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
  for (const attack of attacks) {
    const response = await request.post("/account", { multipart: fields, headers: { ...headers, ...attack }, maxRedirects: 0 });
    expect(response.status(), JSON.stringify(attack)).toBe(403);
    expect(await sessionCount(email)).toBe(1);
  }
  // The control: from the app's own origin the same request signs out, so the attack above was real.
  const same = await request.post("/account", { multipart: fields, headers: { ...headers, origin: baseURL! }, maxRedirects: 0 });
  expect(same.status()).toBeLessThan(400);
  expect(await sessionCount(email)).toBe(0);
});

test("a cross-origin POST to the Auth.js route handlers changes nothing", async ({ page, context, request, baseURL }) => {
  const email = uniqueEmail("csrfapi");
  await register(page, { email });
  const cookie = (await sessionCookie(context, baseURL!))!;
  for (const path of ["/api/auth/signout", "/api/auth/signin/nodemailer", "/api/auth/session"]) {
    const response = await request.post(path, {
      form: { email, csrfToken: "x" },
      headers: { cookie: `${cookie.name}=${cookie.value}`, origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(response.status(), path).toBe(403);
  }
  expect(await sessionCount(email)).toBe(1);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account/);
});
