import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { appOrigin } from "@/lib/env";
import { errorMessage, log } from "@/lib/log";
import { recordSecurityEvent, type EventContext } from "@/lib/audit";
import { checkCurrentPassword } from "@/lib/auth/account";
import { RECENT_SIGN_IN_MS } from "@/lib/auth/session-policy";
import { notifyPasskeyChanged } from "@/lib/auth/email-flows";
import {
  WEBAUTHN_CHALLENGE_TTL_MS,
  webAuthnChallengeCookieName,
  webAuthnChallengeCookieOptions,
  type WebAuthnCeremony,
} from "@/lib/auth/cookies";
import type { AddPasskeyInput, PasskeySignInInput } from "@/lib/validation/passkeys";

// Passkeys (WebAuthn, ASVS 6.5/6.6): registration from /account/security and discoverable sign-in
// on /login, through @simplewebauthn/server. The relying party is AUTH_URL: its origin is the only
// expected origin and its hostname the RP ID, never the request's Host header.
//
// Challenges are single-use and bound to the browser that asked for them: the challenge is stored
// in WebAuthnChallenge under the SHA-256 of a random token that only an HttpOnly cookie carries.
// Verifying first deletes the row (DELETE … RETURNING), so a challenge — and with it an assertion
// made over it — works once, whatever the outcome; expired rows are swept by lib/auth/cleanup.ts.

export const RP_NAME = "Accounts";

/** The relying party ID: the hostname of AUTH_URL ("localhost", "accounts.example.com"). */
export function relyingPartyId(): string {
  return new URL(appOrigin()).hostname;
}

function hashChallengeToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The WebAuthn user handle: the user's id as bytes (opaque, no personal data). */
function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId, "utf8"));
}

async function issueChallenge(ceremony: WebAuthnCeremony, challenge: string, userId?: string): Promise<void> {
  const store = await cookies();
  const cookieName = webAuthnChallengeCookieName(ceremony);
  const previous = store.get(cookieName)?.value;
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    // A browser has one challenge per ceremony in flight: asking again replaces the older one, and
    // a user's registration challenges are replaced whichever browser asked.
    db.webAuthnChallenge.deleteMany({
      where: {
        OR: [
          ...(previous && previous.length <= 100 ? [{ tokenHash: hashChallengeToken(previous) }] : []),
          ...(userId ? [{ userId, purpose: ceremony }] : []),
        ],
      },
    }),
    db.webAuthnChallenge.create({
      data: {
        tokenHash: hashChallengeToken(token),
        challenge,
        purpose: ceremony,
        userId,
        expiresAt: new Date(Date.now() + WEBAUTHN_CHALLENGE_TTL_MS),
      },
    }),
  ]);
  store.set(cookieName, token, webAuthnChallengeCookieOptions());
}

/**
 * Takes this browser's challenge for `ceremony` out of the database, once: null when there is
 * none, it expired, belongs to another ceremony or (for registration) another user.
 */
async function consumeChallenge(ceremony: WebAuthnCeremony, userId?: string): Promise<string | null> {
  const store = await cookies();
  const cookieName = webAuthnChallengeCookieName(ceremony);
  const token = store.get(cookieName)?.value;
  store.delete({ name: cookieName, ...webAuthnChallengeCookieOptions(), maxAge: undefined });
  if (!token || token.length > 100) return null;
  let row: { challenge: string; purpose: string; userId: string | null; expiresAt: Date };
  try {
    row = await db.webAuthnChallenge.delete({
      where: { tokenHash: hashChallengeToken(token) },
      select: { challenge: true, purpose: true, userId: true, expiresAt: true },
    });
  } catch (error) {
    // Not found: never issued, already used (a replay), or swept after it expired.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
    throw error;
  }
  if (row.purpose !== ceremony || row.expiresAt.getTime() <= Date.now()) return null;
  // Registration and step-up challenges belong to the signed-in user who asked for them.
  if (ceremony !== "sign-in" && row.userId !== userId) return null;
  return row.challenge;
}

// ─── Registration ──────────────────────────────────────────────────────────────────────────────

export type PasskeyListItem = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean };

export async function listPasskeys(userId: string): Promise<PasskeyListItem[]> {
  return db.passkey.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true },
  });
}

/**
 * Options for navigator.credentials.create(), with a fresh challenge bound to this browser. The
 * caller has checked sudo mode (lib/auth/sudo.ts): a new factor needs the password first.
 */
export async function passkeyRegistrationOptions(userId: string): Promise<PublicKeyCredentialCreationOptionsJSON | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, name: true, passkeys: { select: { credentialId: true, transports: true } } },
  });
  if (!user) return null;
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: relyingPartyId(),
    userName: user.email,
    userID: userHandle(userId),
    userDisplayName: user.name ?? user.email,
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
    attestationType: "none",
    // The same authenticator cannot be registered twice for this account.
    excludeCredentials: user.passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    // Discoverable (sign-in without typing an email) and unlocked by the person (two factors).
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
  await issueChallenge("register", options.challenge, userId);
  return options;
}

export type AddPasskeyResult = { status: "added"; name: string } | { status: "expired" | "invalid" | "exists" };

/** Verifies the authenticator's answer to this browser's registration challenge and saves the passkey (after the caller checked sudo mode). */
export async function addPasskey(userId: string, input: AddPasskeyInput, context: EventContext): Promise<AddPasskeyResult> {
  const expectedChallenge = await consumeChallenge("register", userId);
  if (!expectedChallenge) return { status: "expired" };
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge,
      expectedOrigin: appOrigin(),
      expectedRPID: relyingPartyId(),
      requireUserPresence: true,
      requireUserVerification: true,
    });
  } catch (error) {
    log.warn({ userId, err: errorMessage(error) }, "passkeys: registration response refused");
    return { status: "invalid" };
  }
  if (!verification.verified) return { status: "invalid" };
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  try {
    await db.passkey.create({
      data: {
        userId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: input.response.response.transports ?? credential.transports ?? [],
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        name: input.name,
      },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { status: "exists" };
    throw error;
  }
  await recordSecurityEvent(userId, "PASSKEY_ADDED", context, { name: input.name });
  await notifyPasskeyChanged(userId, input.name, "added");
  return { status: "added", name: input.name };
}

export type RemovePasskeyResult =
  | { status: "removed"; name: string }
  | { status: "not-found" | "password-required" | "wrong-password" | "sign-in-again" }
  | { status: "limited"; message: string };

/**
 * Removes one of the user's passkeys. An account with a password must give it (ASVS 6.4.x:
 * changing an authenticator re-authenticates); one without (emailed links only) needs a sign-in
 * from the last 10 minutes instead.
 */
export async function removePasskey(
  session: { userId: string; createdAt: Date },
  passkeyId: string,
  password: string,
  context: EventContext,
): Promise<RemovePasskeyResult> {
  const user = await db.user.findUnique({ where: { id: session.userId }, select: { passwordHash: true } });
  if (!user) return { status: "not-found" };
  if (user.passwordHash) {
    if (!password) return { status: "password-required" };
    // Under the sign-in lockout, so a stolen session cannot guess the password here.
    const check = await checkCurrentPassword(session.userId, password, context.ip ?? "unknown");
    if (check.status === "limited") return { status: "limited", message: check.message };
    if (check.status !== "ok") return { status: "wrong-password" };
  } else if (Date.now() - session.createdAt.getTime() > RECENT_SIGN_IN_MS) {
    return { status: "sign-in-again" };
  }
  // Scoped to the caller: another user's passkey id matches nothing.
  const passkey = await db.passkey.findFirst({ where: { id: passkeyId, userId: session.userId }, select: { name: true } });
  if (!passkey) return { status: "not-found" };
  const removed = await db.passkey.deleteMany({ where: { id: passkeyId, userId: session.userId } });
  if (removed.count === 0) return { status: "not-found" };
  await recordSecurityEvent(session.userId, "PASSKEY_REMOVED", context, { name: passkey.name });
  await notifyPasskeyChanged(session.userId, passkey.name, "removed");
  return { status: "removed", name: passkey.name };
}

// ─── Sign-in ───────────────────────────────────────────────────────────────────────────────────

/** Options for a discoverable-credential navigator.credentials.get(), bound to this browser. */
export async function passkeySignInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: relyingPartyId(),
    // Empty: the authenticator offers the passkeys it holds for this site (no email typed first).
    allowCredentials: [],
    userVerification: "required",
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
  });
  await issueChallenge("sign-in", options.challenge);
  return options;
}

export type PasskeySignInResult =
  | { status: "ok"; userId: string }
  | { status: "expired" | "unknown" | "invalid" }
  | { status: "disabled"; userId: string };

/**
 * Checks an assertion against this browser's sign-in challenge and the stored passkey (and its
 * signature counter, checkAssertion). The challenge is used up first, whatever follows, so no
 * assertion works twice.
 */
export async function verifyPasskeySignIn(input: PasskeySignInInput, context: EventContext): Promise<PasskeySignInResult> {
  const expectedChallenge = await consumeChallenge("sign-in");
  if (!expectedChallenge) return { status: "expired" };
  const { response } = input;
  if (response.id !== response.rawId) return { status: "invalid" };
  const passkey = await db.passkey.findUnique({
    where: { credentialId: response.id },
    select: { id: true, userId: true, credentialId: true, publicKey: true, counter: true, transports: true },
  });
  if (!passkey) return { status: "unknown" };
  if (!ownsUserHandle(passkey.userId, response)) return { status: "unknown" };
  if (!(await checkAssertion(passkey, response, expectedChallenge, context))) return { status: "invalid" };
  // Only someone holding the passkey learns that the account is disabled (as with passwords).
  const user = await db.user.findUnique({ where: { id: passkey.userId }, select: { disabledAt: true } });
  if (!user) return { status: "unknown" };
  if (user.disabledAt) return { status: "disabled", userId: passkey.userId };
  return { status: "ok", userId: passkey.userId };
}

/** A discoverable credential returns the user handle it was made with; it must be this user's. */
function ownsUserHandle(userId: string, response: PasskeySignInInput["response"]): boolean {
  return !response.response.userHandle || response.response.userHandle === Buffer.from(userId, "utf8").toString("base64url");
}

type StoredPasskey = { id: string; userId: string; credentialId: string; publicKey: Uint8Array; counter: bigint; transports: string[] };

/**
 * Checks one assertion against the challenge it answers and the stored passkey, and advances the
 * passkey's counter; a refusal is on the owner's timeline.
 *
 * Signature counter (WebAuthn §6.1.1, §7.2 step 21): when the stored counter or the new one is
 * non-zero, the new one must be greater, otherwise the authenticator may have been cloned and the
 * assertion is refused. Synced passkeys report 0 every time; 0 after 0 is accepted. The counter is
 * advanced with a compare-and-set, so of two assertions racing with the same count one fails.
 */
async function checkAssertion(
  passkey: StoredPasskey,
  response: PasskeySignInInput["response"],
  expectedChallenge: string,
  context: EventContext,
): Promise<boolean> {
  const failed = async (reason: string) => {
    await recordSecurityEvent(passkey.userId, "SIGN_IN_FAILED", context, { method: "passkey", reason });
    return false;
  };
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: appOrigin(),
      expectedRPID: relyingPartyId(),
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: Number(passkey.counter),
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
  } catch (error) {
    const message = errorMessage(error);
    const counter = /counter/i.test(message);
    // A counter that went backwards is a possible cloned authenticator: worth an operator's look.
    (counter ? log.error : log.warn).call(log, { passkeyId: passkey.id, userId: passkey.userId, err: message }, "passkeys: assertion refused");
    return failed(counter ? "counter" : "verification");
  }
  if (!verification.verified) return failed("verification");
  const { newCounter, credentialBackedUp, credentialDeviceType } = verification.authenticationInfo;
  const advanced = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(newCounter), lastUsedAt: new Date(), backedUp: credentialBackedUp, deviceType: credentialDeviceType },
  });
  if (advanced.count === 0) return failed("counter");
  return true;
}

// ─── Step-up ───────────────────────────────────────────────────────────────────────────────────

/**
 * Options for navigator.credentials.get() when a signed-in user raises their session to two
 * factors (lib/auth/step-up.ts): only this user's passkeys are allowed, and the challenge is bound
 * to this browser and this user. Null when the user has no passkey.
 */
export async function passkeyStepUpOptions(userId: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const passkeys = await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: relyingPartyId(),
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    userVerification: "required",
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
  });
  await issueChallenge("step-up", options.challenge, userId);
  return options;
}

/** Checks a step-up assertion: this browser's step-up challenge for `userId`, and one of that user's passkeys. */
export async function verifyPasskeyStepUp(
  userId: string,
  input: Pick<PasskeySignInInput, "response">,
  context: EventContext,
): Promise<"ok" | "expired" | "invalid"> {
  const expectedChallenge = await consumeChallenge("step-up", userId);
  if (!expectedChallenge) return "expired";
  const { response } = input;
  if (response.id !== response.rawId) return "invalid";
  // Scoped to the signed-in user: someone else's passkey does not raise this session.
  const passkey = await db.passkey.findFirst({
    where: { credentialId: response.id, userId },
    select: { id: true, userId: true, credentialId: true, publicKey: true, counter: true, transports: true },
  });
  if (!passkey || !ownsUserHandle(userId, response)) return "invalid";
  return (await checkAssertion(passkey, response, expectedChallenge, context)) ? "ok" : "invalid";
}
