import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";

// Which second factors an account has: one query for /account/security, the admin's user page and
// the REQUIRE_ADMIN_2FA check. A passkey counts as two factors on its own (something you have,
// unlocked by something you are or know), so it satisfies the admin requirement too.
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
