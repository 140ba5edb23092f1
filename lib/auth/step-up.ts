import "server-only";
import { db } from "@/lib/db";
import { recordSecurityEvent, type EventContext } from "@/lib/audit";
import { raiseSessionToTwoFactors, TWO_FACTORS } from "@/lib/auth/sessions";
import { verifyTotp } from "@/lib/auth/totp";
import { spendRecoveryCode } from "@/lib/auth/recovery-codes";
import { verifyPasskeyStepUp } from "@/lib/auth/passkeys";
import { notifySignInSecurityChange } from "@/lib/auth/email-flows";
import { recordSecondStepFailure, recordSecondStepSuccess, reserveSecondStep } from "@/lib/rate-limit";
import type { SecondFactor } from "@/lib/auth/two-step";
import type { PasskeySignInInput } from "@/lib/validation/passkeys";

// Step-up (ASVS 7.5.3; 6.3.3 for the admin area under REQUIRE_ADMIN_2FA): a session signed in with
// one factor (password, emailed link) is raised to two in place by the account's second factor — an
// authentication code, a recovery code or a passkey — instead of signing in again. Wrong codes go
// through the same limits as the sign-in's second step. The raised session gets a new token
// (ASVS 7.2.4: re-authentication), which the caller puts in the cookie.

type StepUpSession = { id: string; userId: string; factors: number };

export type StepUpResult =
  | { status: "raised"; token: string }
  /** Already two factors: nothing to do. */
  | { status: "already" }
  /** The session ended meanwhile (signed out elsewhere). */
  | { status: "gone" }
  | { status: "wrong" }
  | { status: "expired" }
  | { status: "limited"; message: string };

async function raise(session: StepUpSession, factor: SecondFactor | "passkey", context: EventContext): Promise<StepUpResult> {
  const token = await raiseSessionToTwoFactors(session.id);
  if (!token) return { status: "gone" };
  await recordSecurityEvent(session.userId, "SESSION_STEPPED_UP", context, { factor, factors: TWO_FACTORS });
  return { status: "raised", token };
}

/** An authentication or recovery code for this session's user, under the second step's limits. */
export async function stepUpWithCode(
  session: StepUpSession,
  factor: SecondFactor,
  code: string,
  context: EventContext & { ip: string },
): Promise<StepUpResult> {
  if (session.factors >= TWO_FACTORS) return { status: "already" };
  const user = await db.user.findUnique({ where: { id: session.userId }, select: { email: true } });
  if (!user) return { status: "gone" };
  const limit = await reserveSecondStep(user.email, context.ip, session.userId);
  if (!limit.ok) return { status: "limited", message: limit.message };
  const right = factor === "totp" ? await verifyTotp(session.userId, code) : await spendRecoveryCode(session.userId, code);
  if (!right) {
    const { lockedNow } = await recordSecondStepFailure(user.email, context.ip);
    await recordSecurityEvent(session.userId, "SECOND_STEP_FAILED", context, { factor, stepUp: true });
    if (lockedNow) await recordSecurityEvent(session.userId, "LOCKED_OUT", context);
    return { status: "wrong" };
  }
  await recordSecondStepSuccess(user.email, context.ip, session.userId);
  if (factor === "recovery") {
    await recordSecurityEvent(session.userId, "RECOVERY_CODE_USED", context);
    await notifySignInSecurityChange(session.userId, user.email, "recovery-code-used");
  }
  return raise(session, factor, context);
}

/** A passkey assertion over this browser's step-up challenge, with one of this user's passkeys. */
export async function stepUpWithPasskey(
  session: StepUpSession,
  input: Pick<PasskeySignInInput, "response">,
  context: EventContext,
): Promise<StepUpResult> {
  if (session.factors >= TWO_FACTORS) return { status: "already" };
  const verified = await verifyPasskeyStepUp(session.userId, input, context);
  if (verified === "expired") return { status: "expired" };
  if (verified === "invalid") return { status: "wrong" };
  return raise(session, "passkey", context);
}
