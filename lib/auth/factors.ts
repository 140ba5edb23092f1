import "server-only";
import { db } from "@/lib/db";

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
