import { expect, test } from "../support/test";
import { register, sessionCookie, signIn, signOut, uniqueEmail } from "../support/helpers";
import { firstLink, waitForMail } from "../support/mail";
import { query } from "../support/db";
import { REMEMBERED_SESSION_MS } from "../../lib/auth/session-policy";

// Threats: a sign-in by emailed link left a persistent cookie (Auth.js gave it an expiry), so the
// session outlived the browser as if "Remember me" had been ticked; and a remembered cookie slid
// further with every use, so a stolen one never stopped working.

test("a sign-in by emailed link gets a browser-session cookie, and keeps it", async ({ page, context, baseURL }) => {
  const email = uniqueEmail("link-cookie");
  await register(page, { email });
  await signOut(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("we've emailed it a sign-in link");
  await page.goto(firstLink(await waitForMail(email, /Your sign-in link/), "/api/auth/callback/nodemailer"));
  await expect(page).toHaveURL(`${baseURL}/account`);

  const cookie = await sessionCookie(context, baseURL!);
  expect(cookie?.value).toBeTruthy();
  expect(cookie!.expires).toBe(-1); // Playwright's "no Expires": ends with the browser
  const [row] = await query<{ method: string; remember: boolean }>(
    `SELECT s.method, s.remember FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`,
    [email],
  );
  expect(row).toEqual({ method: "email", remember: false });

  // Activity later on (past the once-a-minute write) re-sends nothing that would persist it.
  await query(`UPDATE "Session" SET "lastActiveAt" = now() - interval '2 minutes' WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`, [email]);
  await page.goto("/account");
  await expect(page).toHaveURL(`${baseURL}/account`);
  expect((await sessionCookie(context, baseURL!))!.expires).toBe(-1);
});

test("a remembered sign-in's cookie never outlives 30 days after the sign-in, however it slides", async ({ page, context, baseURL }) => {
  const email = uniqueEmail("remember-cap");
  await register(page, { email });
  await signOut(page);
  await signIn(page, email, undefined, { remember: true });
  await expect(page).toHaveURL(/\/account$/);

  // As if the sign-in had been 10 days ago and the last request 2 minutes ago: the next request slides.
  const [before] = await query<{ createdAt: Date; lastActiveAt: Date }>(
    `UPDATE "Session" s SET "createdAt" = s."createdAt" - interval '10 days', expires = s."createdAt" - interval '10 days' + $2 * interval '1 millisecond',
            "lastActiveAt" = now() - interval '2 minutes'
     FROM "User" u WHERE u.id = s."userId" AND u.email = $1 RETURNING s."createdAt", s."lastActiveAt"`,
    [email, REMEMBERED_SESSION_MS],
  );
  const cap = before.createdAt.getTime() + REMEMBERED_SESSION_MS;
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);

  const [after] = await query<{ expires: Date; lastActiveAt: Date }>(
    `SELECT s.expires, s."lastActiveAt" FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`,
    [email],
  );
  expect(after.lastActiveAt.getTime()).toBeGreaterThan(before.lastActiveAt.getTime()); // the slide happened
  expect(after.expires.getTime()).toBeLessThanOrEqual(cap);
  const cookie = await sessionCookie(context, baseURL!);
  expect(cookie!.expires).toBeGreaterThan(0); // still a remembered (persistent) cookie
  expect(cookie!.expires * 1000).toBeLessThanOrEqual(cap + 1000); // Expires has whole seconds

  // At the cap, the session is over however recently it was used.
  await query(
    `UPDATE "Session" s SET "createdAt" = now() - $2 * interval '1 millisecond' - interval '1 second', "lastActiveAt" = now()
     FROM "User" u WHERE u.id = s."userId" AND u.email = $1`,
    [email, REMEMBERED_SESSION_MS],
  );
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
});
