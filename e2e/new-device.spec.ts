import { expect, newClient, randomIp, test } from "./support/test";
import type { Page } from "@playwright/test";
import { register, signIn, signOut, uniqueEmail } from "./support/helpers";
import { firstLink, mailsTo, waitForMail } from "./support/mail";
import { sessionCount } from "./support/db";

// The new-device alert (README "New-device alerts"): a sign-in from a browser/OS + IP combination the
// account has not signed in from in 90 days emails the owner; registration and the same device
// again do not. The email goes out after the response, so "no email" is checked after a wait.
const NEW_SIGN_IN = /^New sign-in to your account$/;
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
/** Longer than the app takes to send an alert after its response on a busy machine. */
const NO_MAIL_WAIT_MS = 3_000;

const activity = (page: Page) => page.getByRole("list", { name: "Security activity" }).getByRole("listitem");
const alertsTo = (email: string) => mailsTo(email).filter((mail) => NEW_SIGN_IN.test(mail.subject));

test("registration and the same device again send no alert; a new browser and network does, with a working \"This wasn't me\"", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("newdevice");
  await register(page, { email });
  await waitForMail(email, /Confirm your email/);
  await signOut(page);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  await page.waitForTimeout(NO_MAIL_WAIT_MS);
  expect(alertsTo(email)).toHaveLength(0);

  const ip = randomIp();
  const other = await newClient(browser, { userAgent: FIREFOX_LINUX, extraHTTPHeaders: { "X-Forwarded-For": ip } });
  const otherPage = await other.newPage();
  await signIn(otherPage, email);
  await expect(otherPage).toHaveURL(/\/account$/);

  const alert = await waitForMail(email, NEW_SIGN_IN);
  expect(alert.text).toMatch(/Time: \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
  expect(alert.text).toContain("Browser: Firefox 128");
  expect(alert.text).toContain("Operating system: Linux");
  expect(alert.text).toContain(`IP address: ${ip}`);
  expect(alert.text).toContain("Signed in with: Password");
  expect(alert.html).toContain("This wasn&#39;t me");
  expect(alertsTo(email)).toHaveLength(1);

  // The owner's timeline says so (the entry is written once the email is out).
  await expect(async () => {
    await page.goto("/account");
    await expect(activity(page).filter({ hasText: "New-device alert sent" })).toContainText(`Firefox on Linux, IP ${ip}`, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(activity(page).first()).toContainText("New-device alert sent");

  // Signing in again from that browser and network is no longer news.
  await signOut(otherPage);
  await signIn(otherPage, email);
  await expect(otherPage).toHaveURL(/\/account$/);

  // "This wasn't me" signs every device out and emails a reset link.
  await page.goto(firstLink(alert, "/security-report?token="));
  await page.getByRole("button", { name: "Secure my account" }).click();
  await expect(page.getByText("Done: your account is signed out everywhere")).toBeVisible();
  expect(await sessionCount(email)).toBe(0);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login/);
  await waitForMail(email, /Reset your password/);
  await page.waitForTimeout(NO_MAIL_WAIT_MS);
  expect(alertsTo(email)).toHaveLength(1);
  await other.close();
});

test("an emailed sign-in link followed on another device alerts too", async ({ page, browser }) => {
  const email = uniqueEmail("newdevice-link");
  await register(page, { email });
  await signOut(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("we've emailed it a sign-in link");
  const link = firstLink(await waitForMail(email, /Your sign-in link/), "/api/auth/callback/nodemailer");

  const ip = randomIp();
  const other = await newClient(browser, { extraHTTPHeaders: { "X-Forwarded-For": ip } });
  const otherPage = await other.newPage();
  await otherPage.goto(link);
  await expect(otherPage).toHaveURL(/\/account$/);
  const alert = await waitForMail(email, NEW_SIGN_IN);
  expect(alert.text).toContain(`IP address: ${ip}`);
  expect(alert.text).toContain("Signed in with: Emailed link");
  await other.close();
});
