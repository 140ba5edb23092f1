import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { TWO_FACTORS } from "@/lib/auth/sessions";

// Which second factors an account has: one query for /account/security, the admin's user page and
// the REQUIRE_ADMIN_2FA check. A passkey counts as two factors on its own (something you have,
// unlocked by something you are or know), so it satisfies the admin requirement too, once used.
export type UserFactors = {
  totp: boolean;
  totpEnabledAt: Date | null;
  passkeys: number;
  recoveryCodesLeft: number;
};

export async function userFactors(userId: string): Promise<UserFactors> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      totpEnabledAt: true,
      _count: { select: { passkeys: true, recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  return {
    totp: Boolean(user?.totpEnabledAt),
    totpEnabledAt: user?.totpEnabledAt ?? null,
    passkeys: user?._count.passkeys ?? 0,
    recoveryCodesLeft: user?._count.recoveryCodes ?? 0,
  };
}

export function hasSecondFactor(factors: UserFactors): boolean {
  return factors.totp || factors.passkeys > 0;
}

/**
 * REQUIRE_ADMIN_2FA: an admin without a second factor is sent to set one up before the admin area
 * opens (ASVS 6.3.3 for privileged accounts). `required` is the setting, passed in by tests.
 */
export async function adminNeedsSecondFactor(userId: string, required: boolean = env().REQUIRE_ADMIN_2FA): Promise<boolean> {
  if (!required) return false;
  return !hasSecondFactor(await userFactors(userId));
}

/** What REQUIRE_ADMIN_2FA still asks of an admin's session before the admin area opens. */
export type AdminAssurance = "ok" | "set-up-factor" | "step-up";

/**
 * REQUIRE_ADMIN_2FA asks two things (ASVS 6.3.3): the account has a second factor, and this
 * session's sign-in used two (lib/auth/sessions.ts sessionFactors). Having a factor is not
 * enough: a password or emailed-link session of an admin with a passkey is one factor, and is
 * sent to step up (lib/auth/step-up.ts) rather than let in.
 */
export async function adminAssurance(
  session: { userId: string; factors: number },
  required: boolean = env().REQUIRE_ADMIN_2FA,
): Promise<AdminAssurance> {
  if (!required) return "ok";
  if (!hasSecondFactor(await userFactors(session.userId))) return "set-up-factor";
  return session.factors >= TWO_FACTORS ? "ok" : "step-up";
}

/** What a reset removed, for the audit log and the user's timeline. */
export type FactorsReset = { authenticatorApp: boolean; passkeys: number; recoveryCodes: number };

/**
 * Removes every second factor of a user (an admin's "Reset two-step sign-in", for someone who lost
 * their phone): the authenticator app (secret, enabled flag, last step), recovery codes, passkeys,
 * and any sign-in waiting for its second step. One transaction: pass the caller's to commit with
 * its audit entry. Sessions are left alone: a reset takes nothing away from who is signed in.
 */
export async function resetSecondFactors(userId: string, tx?: Prisma.TransactionClient): Promise<FactorsReset> {
  if (!tx) return db.$transaction((inner) => resetSecondFactors(userId, inner));
  const before = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { totpSecret: true, totpEnabledAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  });
  await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  const passkeys = await tx.passkey.deleteMany({ where: { userId } });
  await tx.pendingSignIn.deleteMany({ where: { userId } });
  return { authenticatorApp: Boolean(before.totpEnabledAt), passkeys: passkeys.count, recoveryCodes: before._count.recoveryCodes };
}
