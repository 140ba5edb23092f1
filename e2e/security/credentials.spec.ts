import { expect, test } from "../support/test";
import { STRONG_PASSWORD, formAlert, register, signIn, signOut, uniqueEmail } from "../support/helpers";

test("wrong password and unknown email get the same message", async ({ page }) => {
  const email = uniqueEmail("same");
  await register(page, { email });
  await signOut(page);

  await signIn(page, email, "wrong horse battery staple");
  await expect(formAlert(page)).toHaveText("Invalid email or password.");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue("");

  await signIn(page, uniqueEmail("nobody"), "wrong horse battery staple");
  await expect(formAlert(page)).toHaveText("Invalid email or password.");
});

test("unknown email and wrong password take about the same time", async ({ page }) => {
  const email = uniqueEmail("timing");
  await register(page, { email });
  await signOut(page);
  const time = async (address: string) => {
    const started = Date.now();
    await signIn(page, address, "wrong horse battery staple");
    await expect(formAlert(page)).toHaveText("Invalid email or password.");
    return Date.now() - started;
  };
  // Warm up, then compare medians of a few tries: a missing bcrypt comparison would halve the time.
  await time(email);
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 3; i++) {
    known.push(await time(email));
    unknown.push(await time(uniqueEmail("ghost")));
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[1];
  expect(Math.abs(median(known) - median(unknown))).toBeLessThan(Math.max(150, median(known) * 0.5));
});

test("a 72-byte-prefix pair: a password that differs only after byte 72 does not sign in", async ({ page }) => {
  const prefix = "purple elephant dancing quietly under a violet moon in the warm evening "; // 72 bytes
  expect(Buffer.byteLength(prefix)).toBe(72);
  const email = uniqueEmail("prefix");
  await register(page, { email, password: `${prefix}alpha` });
  await expect(page).toHaveURL(/\/account/);
  await signOut(page);
  await signIn(page, email, `${prefix}omega`);
  await expect(formAlert(page)).toHaveText("Invalid email or password.");
  await signIn(page, email, `${prefix}alpha`);
  await expect(page).toHaveURL(/\/account$/);
});

test("a 10,000-character password is refused with a message, not an error page", async ({ page }) => {
  const huge = "correct horse ".repeat(715).slice(0, 10_000);
  await page.goto("/register");
  await page.getByLabel("Name").fill("Long Password");
  await page.getByLabel("Email").fill(uniqueEmail("huge"));
  await page.getByLabel("Password", { exact: true }).fill(huge);
  await page.getByLabel("Confirm password").fill(huge);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at most 256 characters.")).toBeVisible();

  await signIn(page, uniqueEmail("huge"), huge);
  await expect(formAlert(page)).toHaveText("Invalid email or password.");
});

test("a disabled account cannot sign in", async ({ page }) => {
  const email = uniqueEmail("disabled");
  await register(page, { email });
  await signOut(page);
  const { query } = await import("../support/db");
  await query(`UPDATE "User" SET "disabledAt" = now() WHERE email = $1`, [email]);
  await signIn(page, email, STRONG_PASSWORD);
  await expect(formAlert(page)).toContainText("disabled");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
});
