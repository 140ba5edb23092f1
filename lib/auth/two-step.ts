import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { recordSecurityEvent, type EventContext } from "@/lib/audit";
import { pendingSignInCookieName, sessionCookieOptions } from "@/lib/auth/cookies";
import { spendRecoveryCode } from "@/lib/auth/recovery-codes";
import { verifyTotp } from "@/lib/auth/totp";
import { notifySignInSecurityChange } from "@/lib/auth/email-flows";
import { recordSecondStepFailure, recordSecondStepSuccess, reserveSecondStep } from "@/lib/rate-limit";
import { safeRedirect } from "@/lib/redirect";

// The second step of a sign-in (ASVS 6.3.3, 6.4): after the first factor (password or emailed
// link) a PendingSignIn row is made, bound to this browser by a cookie; no Session row and no
// session cookie exist until a right authentication or recovery code is given. The step lasts
// 5 minutes and allows a few tries; wrong codes count toward the sign-in lockout.
export const PENDING_SIGN_IN_MS = 5 * 60_000;
export const PENDING_MAX_ATTEMPTS = 5;
export const TWO_STEP_PATH = "/login/two-step";

export type SecondFactor = "totp" | "recovery";

function hashPendingToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Starts the second step for `userId` and binds it to this browser; replaces one it had. */
export async function beginSecondStep(input: { userId: string; method: string; remember: boolean; callbackUrl: string }): Promise<void> {
  const store = await cookies();
  const previous = store.get(pendingSignInCookieName())?.value;
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db.$transaction([
    ...(previous ? [db.pendingSignIn.deleteMany({ where: { tokenHash: hashPendingToken(previous) } })] : []),
    db.pendingSignIn.create({
      data: {
        tokenHash: hashPendingToken(token),
        userId: input.userId,
        method: input.method,
        remember: input.remember,
        callbackUrl: safeRedirect(input.callbackUrl),
        createdAt: new Date(now),
        expiresAt: new Date(now + PENDING_SIGN_IN_MS),
      },
    }),
  ]);
  store.set(pendingSignInCookieName(), token, { ...sessionCookieOptions(null), maxAge: PENDING_SIGN_IN_MS / 1000 });
}

export type PendingSecondStep = { id: string; userId: string; email: string; method: string; remember: boolean; callbackUrl: string; expiresAt: Date };

/** The second step this browser is in, or null (none, expired, or the account changed meanwhile). */
export async function currentSecondStep(): Promise<PendingSecondStep | null> {
  const token = (await cookies()).get(pendingSignInCookieName())?.value;
  if (!token) return null;
  const pending = await db.pendingSignIn.findUnique({
    where: { tokenHash: hashPendingToken(token) },
    include: { user: { select: { email: true, disabledAt: true, totpEnabledAt: true } } },
  });
  if (!pending || pending.expiresAt.getTime() <= Date.now() || pending.user.disabledAt || !pending.user.totpEnabledAt) return null;
  const { id, userId, method, remember, callbackUrl, expiresAt } = pending;
  return { id, userId, email: pending.user.email, method, remember, callbackUrl, expiresAt };
}

/** The step's tries are used up (or it ended meanwhile, in another tab): it is over either way. */
async function endSecondStep(id: string): Promise<SecondStepResult> {
  await db.pendingSignIn.deleteMany({ where: { id } });
  await clearSecondStepCookie();
  return { status: "expired" };
}

export async function clearSecondStepCookie(): Promise<void> {
  (await cookies()).delete({ name: pendingSignInCookieName(), ...sessionCookieOptions(null) });
}

export type SecondStepResult =
  | { status: "ok"; pending: PendingSecondStep }
  | { status: "expired" }
  | { status: "wrong"; attemptsLeft: number }
  | { status: "limited"; message: string };

/**
 * Checks a code for this browser's second step. Each try is reserved before the code is checked,
 * atomically, both on the step and on the account (ASVS 6.3.1): parallel posts get no more tries
 * than sequential ones. On success the step is used up (two requests with one step cannot both
 * pass) and the caller starts the session.
 */
export async function completeSecondStep(factor: SecondFactor, code: string, context: EventContext & { ip: string }): Promise<SecondStepResult> {
  const pending = await currentSecondStep();
  if (!pending) return { status: "expired" };
  const limit = await reserveSecondStep(pending.email, context.ip, pending.userId);
  if (!limit.ok) return { status: "limited", message: limit.message };
  // One UPDATE … WHERE attempts < max: of concurrent tries, only the first PENDING_MAX_ATTEMPTS get a row.
  const reserved = await db.pendingSignIn.updateManyAndReturn({
    where: { id: pending.id, attempts: { lt: PENDING_MAX_ATTEMPTS }, expiresAt: { gt: new Date() } },
    data: { attempts: { increment: 1 } },
    select: { attempts: true },
  });
  if (reserved.length !== 1) return endSecondStep(pending.id);

  const right = factor === "totp" ? await verifyTotp(pending.userId, code) : await spendRecoveryCode(pending.userId, code);
  if (!right) {
    const { lockedNow } = await recordSecondStepFailure(pending.email, context.ip);
    await recordSecurityEvent(pending.userId, "SECOND_STEP_FAILED", context, { factor });
    if (lockedNow) await recordSecurityEvent(pending.userId, "LOCKED_OUT", context);
    const attemptsLeft = PENDING_MAX_ATTEMPTS - reserved[0].attempts;
    return attemptsLeft > 0 ? { status: "wrong", attemptsLeft } : endSecondStep(pending.id);
  }

  const used = await db.pendingSignIn.deleteMany({ where: { id: pending.id, expiresAt: { gt: new Date() } } });
  await clearSecondStepCookie();
  if (used.count !== 1) return { status: "expired" };
  await recordSecondStepSuccess(pending.email, context.ip, pending.userId);
  if (factor === "recovery") {
    await recordSecurityEvent(pending.userId, "RECOVERY_CODE_USED", context);
    await notifySignInSecurityChange(pending.userId, pending.email, "recovery-code-used");
  }
  return { status: "ok", pending };
}
