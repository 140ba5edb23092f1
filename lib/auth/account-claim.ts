import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordSecurityEvent, type EventContext } from "@/lib/audit";
import { resetSecondFactors, type FactorsReset } from "@/lib/auth/factors";
import { voidAddressTokens } from "@/lib/tokens";

// Pre-account-takeover ("pre-hijacking"): anyone can register an address they do not own, set a
// password and second factors, and keep a session, all before the address is confirmed. The first
// time the owner of the address gets in by a way that proves the inbox (an emailed sign-in link or
// a password reset, not the account's own confirmation link), the account is theirs: whatever was
// set up before goes (ASVS 6.4.x: no way in survives that the owner did not set up).

/** How the owner of the address got in: a sign-in link voids the old password, a reset replaces it. */
export type ClaimPath = "email-link" | "password-reset";

export type AccountClaim = FactorsReset & { endedSessions: number; passwordRemoved: boolean; via: ClaimPath };

/**
 * Claims an unconfirmed account for the owner of its address; null when it was already confirmed
 * (then nothing changes). One transaction: the address becomes confirmed, every session ends
 * (the caller creates the owner's afterwards), the second factors go (authenticator app, recovery
 * codes, passkeys, sign-ins waiting for a second step), pending email-change and confirmation links
 * are voided, and for a sign-in link the password set before confirmation is removed. The check and
 * the update are one conditional write, so of two claims only one runs.
 *
 * Without `tx` it runs its own transaction and records the timeline event; with the caller's `tx`
 * the caller records it after commit with recordAccountClaim.
 */
export async function claimUnconfirmedAccount(
  userId: string,
  via: ClaimPath,
  context: EventContext,
  tx?: Prisma.TransactionClient,
): Promise<AccountClaim | null> {
  if (!tx) {
    const claim = await db.$transaction((inner) => claimUnconfirmedAccount(userId, via, context, inner));
    if (claim) await recordAccountClaim(userId, claim, context);
    return claim;
  }
  const before = await tx.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  const { count } = await tx.user.updateMany({
    where: { id: userId, emailVerified: null },
    data: { emailVerified: new Date(), ...(via === "email-link" ? { passwordHash: null } : {}) },
  });
  if (count !== 1) return null;
  const sessions = await tx.session.deleteMany({ where: { userId } });
  const factors = await resetSecondFactors(userId, tx);
  await voidAddressTokens(userId, tx);
  return { ...factors, endedSessions: sessions.count, passwordRemoved: via === "email-link" && Boolean(before?.passwordHash), via };
}

/** The claim on the user's timeline, in plain words (lib/audit.ts describes the detail). */
export async function recordAccountClaim(userId: string, claim: AccountClaim, context: EventContext): Promise<void> {
  await recordSecurityEvent(userId, "ACCOUNT_CLAIMED", context, { ...claim });
}
