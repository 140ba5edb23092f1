import "server-only";
import { db } from "@/lib/db";
import { checkCurrentPassword, type PasswordRefused } from "@/lib/auth/account";

export type DeleteAccountResult = { status: "deleted" } | { status: "last-admin" } | PasswordRefused;

/**
 * Deletes the user's account after checking the password again on the server (ASVS 6.2.x
 * re-authentication), under the sign-in lockout for the client's `ip` (checkCurrentPassword). The
 * database cascades sessions, emailed tokens, security events and linked accounts; Auth.js's
 * sign-in link tokens are keyed by address, so they are deleted here. The last remaining
 * administrator cannot delete themselves (README "The first admin").
 */
export async function deleteAccount(userId: string, password: string, ip: string): Promise<DeleteAccountResult> {
  const check = await checkCurrentPassword(userId, password, ip);
  if (check.status !== "ok") return check;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
  if (!user) return { status: "wrong-password" };
  return db.$transaction(async (tx) => {
    if (user.role === "ADMIN") {
      // Locks the admin rows, so two admins deleting themselves at once cannot leave none.
      const admins = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "User" WHERE role = 'ADMIN' AND "disabledAt" IS NULL FOR UPDATE`;
      if (!admins.some((admin) => admin.id !== userId)) return { status: "last-admin" } as const;
    }
    await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
    await tx.user.deleteMany({ where: { id: userId } });
    return { status: "deleted" } as const;
  });
}
