import { expect, type Page } from "@playwright/test";
import { generateHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { confirmPasswordFor, STRONG_PASSWORD } from "./helpers";

// What an authenticator app does with the key shown on /account/security (RFC 6238: SHA-1,
// 6 digits, 30 s), computed in the test from the secret as shown, not from the server's code.
export type Authenticator = { key: Uint8Array; lastStep: number; recoveryCodes: string[] };

export const currentStep = () => Math.floor(Date.now() / 30_000);

export function codeAt(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), 6);
}

/**
 * The code for the next time step nobody has used yet: the current one, or the one after the last
 * used (the server allows one step ahead), so a test never waits for the clock.
 */
export function nextCode(app: Authenticator): string {
  const step = Math.max(currentStep(), app.lastStep + 1);
  app.lastStep = step;
  return codeAt(app.key, step);
}

/**
 * Sets up the authenticator app for the signed-in user (confirming the password first when sudo
 * mode asks for it); returns the key and the recovery codes.
 */
export async function enableTotp(page: Page, password = STRONG_PASSWORD): Promise<Authenticator> {
  await page.goto("/account/security");
  await confirmPasswordFor(page, "Set up authenticator app", password);
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  const app: Authenticator = { key: decodeBase32IgnorePadding(secret), lastStep: 0, recoveryCodes: [] };
  await page.getByLabel("Authentication code").fill(nextCode(app));
  await page.getByRole("button", { name: "Turn on" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list).toBeVisible();
  app.recoveryCodes = await list.getByRole("listitem").allInnerTexts();
  return app;
}

/** A 6-digit code the server cannot accept now: none of the steps it would try. */
export function wrongCode(app: Authenticator): string {
  const now = currentStep();
  const near = new Set([-2, -1, 0, 1, 2].map((offset) => codeAt(app.key, now + offset)));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, "0");
    if (!near.has(code)) return code;
  }
}
