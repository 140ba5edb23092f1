import "server-only";
import { recordSecurityEvent, type EventContext } from "@/lib/audit";
import { verifyCredentials, type PasswordSignInResult } from "@/lib/auth/account";
import { SIGN_IN_BUSY } from "@/lib/auth/messages";
import { PasswordHasherBusyError } from "@/lib/auth/password-pool";
import { log } from "@/lib/log";
import { checkSignIn, recordSignInFailure, recordSignInSuccess } from "@/lib/rate-limit";

export type PasswordSignIn =
  | { status: "ok"; userId: string; secondStep: boolean }
  | { status: "invalid" }
  | { status: "disabled" }
  | { status: "limited"; message: string };

/**
 * A password sign-in attempt with its limits (ASVS 6.3.1): 20 attempts a minute per IP, 5
 * failures per 15 minutes per email + IP lock that pair, and 100 failures from any IPs pause the
 * address's password sign-in — also against the right password — until the window ends or a
 * password reset. Failures count for unknown emails too, so the lockout reveals nothing.
 */
export async function attemptPasswordSignIn(email: string, password: string, context: EventContext & { ip: string }): Promise<PasswordSignIn> {
  const limit = await checkSignIn(email, context.ip);
  if (!limit.ok) return { status: "limited", message: limit.message };
  let result: PasswordSignInResult;
  try {
    result = await verifyCredentials(email, password);
  } catch (error) {
    // The password was not checked, so nothing counts as a failure; the visitor tries again.
    if (!(error instanceof PasswordHasherBusyError)) throw error;
    log.warn({ ip: context.ip }, "sign-in refused: password hashing at capacity (BCRYPT_THREADS, BCRYPT_QUEUE)");
    return { status: "limited", message: SIGN_IN_BUSY };
  }
  if (result.status === "invalid") {
    const { lockedNow, pausedNow } = await recordSignInFailure(email, context.ip);
    if (result.userId) {
      await recordSecurityEvent(result.userId, "SIGN_IN_FAILED", context);
      if (lockedNow || pausedNow) await recordSecurityEvent(result.userId, "LOCKED_OUT", context, pausedNow ? { scope: "account" } : {});
    }
    return { status: "invalid" };
  }
  if (result.status === "disabled") return { status: "disabled" };
  // With a second step to come, the failures stay counted until it succeeds: otherwise a right
  // password would reset the lockout between rounds of guessed codes (lib/auth/two-step.ts).
  if (!result.secondStep) await recordSignInSuccess(email, context.ip);
  return { status: "ok", userId: result.userId, secondStep: result.secondStep };
}
