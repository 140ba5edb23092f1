import { expect, test } from "./support/test";
import { OTHER_STRONG_PASSWORD, STRONG_PASSWORD, formAlert, register, signIn, signOut, uniqueEmail } from "./support/helpers";
import { enableTotp, wrongCode } from "./support/totp";

test.use({ javaScriptEnabled: false });

test("every form works with JavaScript turned off", async ({ page }) => {
  const email = uniqueEmail("nojs");
  await page.goto("/register");
  await page.getByLabel("Email").fill("bad");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("bad");

  await register(page, { name: "No Script", email });
  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByRole("heading", { name: "Hello, No Script" })).toBeVisible();

  await signOut(page);
  await signIn(page, email, "wrong horse battery staple");
  await expect(formAlert(page)).toHaveText("Invalid email or password.");
  await signIn(page, email, STRONG_PASSWORD, { remember: true });
  await expect(page).toHaveURL(/\/account$/);

  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(STRONG_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(OTHER_STRONG_PASSWORD);
  await page.getByLabel("Confirm new password").fill(OTHER_STRONG_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();

  await signOut(page);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText(/we've emailed it a sign-in link/)).toBeVisible();
});

test("two-step sign-in is set up and used with JavaScript turned off", async ({ page, baseURL }) => {
  const email = uniqueEmail("nojs-2fa");
  await register(page, { email });
  const app = await enableTotp(page);
  expect(app.recoveryCodes).toHaveLength(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("10 of 10 left")).toBeVisible();
  await signOut(page);
  await signIn(page, email);
  await expect(page).toHaveURL(`${baseURL}/login/two-step`);
  await page.getByLabel("Authentication code").fill(wrongCode(app));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(/That code is not right, or was already used\. 4 tries left\./)).toBeVisible();
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(app.recoveryCodes[3]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(`${baseURL}/account`);
});
