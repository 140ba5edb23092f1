import { expect, test } from "@playwright/test";
import { STRONG_PASSWORD, register, signIn, signOut, uniqueEmail } from "../e2e/support/helpers";
import { SESSION_COOKIE } from "./support";

// Over real TLS (nginx in front, AUTH_URL https): every cookie the app sets is host-only under the
// `__Host-` prefix (ASVS 3.3.3), so a sibling subdomain or a plain-http page cannot plant or
// overwrite it; the browser itself refuses a __Host- cookie that is not Secure, Path=/, without Domain.

test("after a real sign-in the session cookie is __Host-…: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", async ({ page, context }) => {
  const email = uniqueEmail("nginx-host-cookie");
  await register(page, { email });
  await signOut(page);

  const responses: string[] = [];
  page.on("response", async (response) => {
    const setCookie = await response.headerValue("set-cookie").catch(() => null);
    if (setCookie) responses.push(...setCookie.split("\n"));
  });
  await signIn(page, email, STRONG_PASSWORD);
  await page.waitForURL(/\/account/);

  expect(SESSION_COOKIE).toBe("__Host-authjs.session-token");
  const line = responses.find((entry) => entry.startsWith(`${SESSION_COOKIE}=`) && !/Expires=Thu, 01 Jan 1970/i.test(entry));
  expect(line, responses.join("\n")).toBeDefined();
  expect(line).toMatch(/^__Host-authjs\.session-token=[A-Za-z0-9_-]{43};/);
  expect(line).toMatch(/;\s*Secure/i);
  expect(line).toMatch(/;\s*HttpOnly/i);
  expect(line).toMatch(/;\s*SameSite=Lax/i);
  expect(line).toMatch(/;\s*Path=\/(;|$)/i);
  expect(line).not.toMatch(/Domain=/i);

  // The browser kept it (it would drop a __Host- cookie breaking the rules), and every other
  // cookie the app set on the way (passkey challenge, …) follows the same rules.
  const cookies = await context.cookies();
  expect(cookies.find((cookie) => cookie.name === SESSION_COOKIE)).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
  for (const cookie of cookies) {
    expect(cookie.name, cookie.name).toMatch(/^__Host-/);
    expect(cookie, cookie.name).toMatchObject({ secure: true, path: "/" });
  }
  // Nothing with the old, weaker prefix.
  expect(responses.filter((entry) => entry.startsWith("__Secure-"))).toEqual([]);
});
