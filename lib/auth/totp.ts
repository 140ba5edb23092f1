import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import QRCode from "qrcode";
import { db } from "@/lib/db";
import { appOrigin } from "@/lib/env";
import { open, seal } from "@/lib/auth/secret-box";
import { replaceRecoveryCodes } from "@/lib/auth/recovery-codes";

// Authenticator-app codes (RFC 6238 TOTP: HMAC-SHA1, 6 digits, 30 s — what every app supports),
// computed by @oslojs/otp. ASVS 6.5.5: ±1 time step of tolerance; 6.5.1: a code is accepted only
// for a time step later than the last accepted one, so no code (nor an older one) works twice.
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_TOLERANCE_STEPS = 1;
const SECRET_BYTES = 20;
const SEAL_PURPOSE = "totp";

export function totpStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The time step whose code `code` is (within the tolerance), or null. */
export function matchingStep(key: Uint8Array, code: string, now = Date.now()): number | null {
  const digits = code.replace(/\s/g, "");
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits)) return null;
  const current = totpStep(now);
  let found: number | null = null;
  // Every candidate is compared (no early exit), in constant time.
  for (let step = current - TOTP_TOLERANCE_STEPS; step <= current + TOTP_TOLERANCE_STEPS; step++) {
    const expected = generateHOTP(key, BigInt(step), TOTP_DIGITS);
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(digits))) found = step;
  }
  return found;
}

export function issuer(): string {
  return new URL(appOrigin()).hostname;
}

export type TotpSetup = {
  /** The key in base32, in groups of four, for typing into an app by hand. */
  secret: string;
  /** The otpauth:// URI the QR code holds. */
  uri: string;
  /** The QR code as SVG markup, made on the server. */
  qrSvg: string;
};

async function describeSetup(key: Uint8Array, email: string): Promise<TotpSetup> {
  const uri = createTOTPKeyURI(issuer(), email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1, color: { dark: "#0f172a", light: "#ffffff" } });
  const secret = encodeBase32UpperCaseNoPadding(key).match(/.{1,4}/g)!.join(" ");
  return { secret, uri, qrSvg };
}

/**
 * Starts setting up an authenticator app: a new key, stored sealed but not in use until the user
 * proves their app has it (confirmTotpSetup). Starting again replaces an unconfirmed key.
 */
export async function beginTotpSetup(userId: string): Promise<"started" | "already-on"> {
  const key = new Uint8Array(randomBytes(SECRET_BYTES));
  const updated = await db.user.updateMany({
    where: { id: userId, totpEnabledAt: null },
    data: { totpSecret: seal(SEAL_PURPOSE, key), totpLastStep: null },
  });
  return updated.count === 1 ? "started" : "already-on";
}

/** The setup in progress (QR code and key), or null when there is none. */
export async function totpSetupInProgress(userId: string): Promise<TotpSetup | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || user.totpEnabledAt) return null;
  const key = open(SEAL_PURPOSE, user.totpSecret);
  return key ? describeSetup(key, user.email) : null;
}

export type ConfirmTotpResult = { status: "enabled"; recoveryCodes: string[] } | { status: "wrong-code" } | { status: "no-setup" };

/** Switches TOTP on once a first code from the app is right, and makes the first recovery codes. */
export async function confirmTotpSetup(userId: string, code: string): Promise<ConfirmTotpResult> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || user.totpEnabledAt) return { status: "no-setup" };
  const key = open(SEAL_PURPOSE, user.totpSecret);
  if (!key) return { status: "no-setup" };
  const step = matchingStep(key, code);
  if (step === null) return { status: "wrong-code" };
  // The same key still pending (not replaced by a second tab meanwhile), switched on once.
  const enabled = await db.user.updateMany({
    where: { id: userId, totpEnabledAt: null, totpSecret: user.totpSecret },
    data: { totpEnabledAt: new Date(), totpLastStep: step },
  });
  if (enabled.count !== 1) return { status: "no-setup" };
  return { status: "enabled", recoveryCodes: await replaceRecoveryCodes(userId) };
}

export async function cancelTotpSetup(userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId, totpEnabledAt: null }, data: { totpSecret: null, totpLastStep: null } });
}

/** Checks a sign-in code and spends its time step: true at most once per step. */
export async function verifyTotp(userId: string, code: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || !user.totpEnabledAt) return false;
  const key = open(SEAL_PURPOSE, user.totpSecret);
  if (!key) return false;
  const step = matchingStep(key, code);
  if (step === null) return false;
  // Atomic: of two requests with the same code, only one moves totpLastStep forward.
  const spent = await db.user.updateMany({
    where: { id: userId, totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return spent.count === 1;
}

/** Turns TOTP off: the key, the recovery codes and any sign-in waiting for a code go. */
export async function disableTotp(userId: string): Promise<void> {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.pendingSignIn.deleteMany({ where: { userId } }),
  ]);
}
