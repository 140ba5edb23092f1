import { expect, test } from "../support/test";
import { register, signIn, signOut, uniqueEmail } from "../support/helpers";

const attacks = ["//evil.com", "/\\evil.com", "https://evil.com", "javascript:alert(document.domain)", "/\t/evil.com", "http:evil.com"];

test("callbackUrl only ever leads to a same-origin path", async ({ page, baseURL }) => {
  const email = uniqueEmail("redirect");
  await register(page, { email });
  await signOut(page);
  for (const callbackUrl of attacks) {
    await signIn(page, email, undefined, { callbackUrl });
    await expect(page, `callbackUrl=${JSON.stringify(callbackUrl)}`).toHaveURL(`${baseURL}/account`);
    await signOut(page);
  }
  await signIn(page, email, undefined, { callbackUrl: "/account/password" });
  await expect(page).toHaveURL(`${baseURL}/account/password`);
});

test("a guarded page sends the visitor to sign in and back", async ({ page, baseURL }) => {
  const email = uniqueEmail("back");
  await register(page, { email });
  await signOut(page);
  await page.goto("/account/password");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount%2Fpassword$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${baseURL}/account/password`);
});
