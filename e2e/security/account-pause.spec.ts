import { createHash } from "node:crypto";
import { expect, test } from "../support/test";
import { STRONG_PASSWORD, formAlert, register, signIn, signOut, uniqueEmail } from "../support/helpers";
import { firstLink, waitForMail } from "../support/mail";
import { query } from "../support/db";

// Per account, across all addresses (NIST SP 800-63B 5.2.2): after 100 password failures in 24 h
// from any IPs, password sign-in for that address pauses, whatever the password; an emailed link
// still leads in, so a stranger can pause the password path but never lock the owner out.
// The 100 failures are set in the counter directly (lib/rate-limit.ts key layout); the integration
// test tests/integration/guessing-limits.test.ts makes them one by one from 100 IPs.
const PAUSE_AFTER = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

async function pausePasswordSignIn(email: string) {
  const key = `signin-account:${createHash("sha256").update(email).digest("hex").slice(0, 32)}`;
  await query(
    `INSERT INTO rate_limits (key, points, expire) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET points = $2, expire = $3`,
    [key, PAUSE_AFTER, Date.now() + DAY_MS],
  );
}

test("a paused account refuses even the right password with the 'Too many attempts' sentence; a sign-in link still works", async ({ page, baseURL }) => {
  const email = uniqueEmail("paused");
  await register(page, { email });
  await signOut(page);
  await pausePasswordSignIn(email);

  await signIn(page, email, STRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText(/^Too many attempts, try again in 24 hours\./);
  await expect(page).toHaveURL(/\/login/);
  // A wrong password gets the very same answer: the pause tells nothing about the password.
  const right = await formAlert(page).textContent();
  await signIn(page, email, "wrong horse battery staple");
  await expect(formAlert(page)).toHaveText(right!);
  // An unknown address paused alike answers alike.
  const ghost = uniqueEmail("paused-ghost");
  await pausePasswordSignIn(ghost);
  await signIn(page, ghost, STRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText(right!);

  // The owner still gets in by an emailed link.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("we've emailed it a sign-in link");
  const link = firstLink(await waitForMail(email, /Your sign-in link/), "/api/auth/callback/nodemailer");
  await page.goto(link);
  await expect(page).toHaveURL(`${baseURL}/account`);
});

test("control: 99 failures leave the right password working", async ({ page }) => {
  const email = uniqueEmail("not-paused");
  await register(page, { email });
  await signOut(page);
  const key = `signin-account:${createHash("sha256").update(email).digest("hex").slice(0, 32)}`;
  await query(`INSERT INTO rate_limits (key, points, expire) VALUES ($1, $2, $3)`, [key, PAUSE_AFTER - 1, Date.now() + DAY_MS]);
  await signIn(page, email, STRONG_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
});
