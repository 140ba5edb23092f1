import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { hashSessionToken, newSessionToken, type CurrentSession } from "@/lib/auth/sessions";
import { checkSignIn, recordSignInFailure } from "@/lib/rate-limit";
import { PASSWORD_CHECK_BUSY } from "@/lib/auth/messages";
import { PasswordHasherBusyError } from "@/lib/auth/password-pool";
import { log } from "@/lib/log";
import { recordSecurityEvent } from "@/lib/audit";

// The account's domain operations. Inputs are already validated (lib/validation/auth.ts).

export type RegisterResult = { status: "created"; userId: string } | { status: "exists" };

/**
 * Creates an unconfirmed user. An address that already has an account creates nothing and
 * changes nothing; the unique index decides races, so two simultaneous registrations of the
 * same address (in any case) leave exactly one user.
 */
export async function registerUser(input: { name: string; email: string; password: string }): Promise<RegisterResult> {
  // Hash first, in both outcomes, so the time taken does not tell them apart.
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { name: input.name, email: input.email, passwordHash },
      select: { id: true },
    });
    return { status: "created", userId: user.id };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { status: "exists" };
    throw error;
  }
}

export type PasswordSignInResult =
  | { status: "ok"; userId: string; secondStep: boolean }
  | { status: "invalid"; userId?: string }
  | { status: "disabled"; userId: string };

/** Same work and the same answer for an unknown email and a wrong password (ASVS 6.3.7). */
export async function verifyCredentials(email: string, password: string): Promise<PasswordSignInResult> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true, totpEnabledAt: true },
  });
  if (!user?.passwordHash) {
    await verifyAgainstDummy(password);
    return { status: "invalid" };
  }
  // userId is for the owner's security timeline only; the visitor sees the same answer.
  if (!(await verifyPassword(password, user.passwordHash))) return { status: "invalid", userId: user.id };
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabledAt) return { status: "disabled", userId: user.id };
  if (needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return { status: "ok", userId: user.id, secondStep: user.totpEnabledAt !== null };
}

export type PasswordCheck = { status: "ok" } | PasswordRefused;
/** Why a current password was not accepted; the operations below pass it on as it is. */
export type PasswordRefused = { status: "wrong-password" } | { status: "limited"; message: string };

/**
 * Re-authentication before a sensitive change (ASVS 6.2.x/7.5.1: changing the password or the
 * email address, deleting the account, turning two-step sign-in off, new recovery codes, removing
 * a passkey): the account's password, under the sign-in lockout (ASVS 6.3.1), so a stolen session
 * cannot guess it. A wrong password counts one failure for the email+IP pair, as at /login; once
 * the pair is locked even the right password is refused until the window ends. A right password
 * forgets nothing: failures end only with their window or a password reset, so right and wrong
 * attempts cannot be interleaved to guess forever. An account without a password (links only)
 * cannot pass.
 */
export async function checkCurrentPassword(userId: string, password: string, ip: string): Promise<PasswordCheck> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) return { status: "wrong-password" };
  const limit = await checkSignIn(user.email, ip);
  if (!limit.ok) return { status: "limited", message: limit.message };
  const hash = user.passwordHash;
  let right: boolean;
  try {
    right = hash !== null && (await verifyPassword(password, hash));
  } catch (error) {
    // Not checked, so not a failure either (as at sign-in, lib/auth/password-sign-in.ts).
    if (!(error instanceof PasswordHasherBusyError)) throw error;
    log.warn({ ip }, "current-password check refused: password hashing at capacity (BCRYPT_THREADS, BCRYPT_QUEUE)");
    return { status: "limited", message: PASSWORD_CHECK_BUSY };
  }
  if (right) return { status: "ok" };
  // Counts toward the address's pause as a wrong password at /login does (and the pause applies
  // here too, through checkSignIn above).
  const { pausedNow } = await recordSignInFailure(user.email, ip);
  if (pausedNow) await recordSecurityEvent(userId, "LOCKED_OUT", { ip }, { scope: "account" });
  return { status: "wrong-password" };
}

export type ChangePasswordResult = { status: "ok"; token: string; endedSessions: number } | PasswordRefused;

/**
 * Changes the password after checking the current one (checkCurrentPassword, from the client's
 * `ip`), ends every other session of the user, and gives the current session a new token
 * (ASVS 7.4.3, 7.2.4).
 */
export async function changePassword(
  session: CurrentSession,
  currentPassword: string,
  newPassword: string,
  ip: string,
): Promise<ChangePasswordResult> {
  const check = await checkCurrentPassword(session.userId, currentPassword, ip);
  if (check.status !== "ok") return check;
  const passwordHash = await hashPassword(newPassword);
  const token = newSessionToken();
  const [, ended] = await db.$transaction([
    db.user.update({ where: { id: session.userId }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId: session.userId, id: { not: session.id } } }),
    db.session.update({ where: { id: session.id }, data: { sessionToken: hashSessionToken(token) } }),
  ]);
  return { status: "ok", token, endedSessions: ended.count };
}
