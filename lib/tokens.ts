import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";

// Emailed tokens (ASVS 6.4): 32 random bytes, base64url in the link; only the SHA-256 is stored,
// with purpose, expiry and used-at; consumed atomically, once.
const MINUTE = 60_000;

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  EMAIL_CONFIRMATION: 24 * 60 * MINUTE,
  PASSWORD_RESET: 60 * MINUTE,
  EMAIL_CHANGE: 24 * 60 * MINUTE,
  SECURITY_REPORT: 7 * 24 * 60 * MINUTE,
};

/** A newer link voids older unused ones, except "This wasn't me" links: every notice keeps its own. */
const NEWEST_ONLY: Record<TokenPurpose, boolean> = {
  EMAIL_CONFIRMATION: true,
  PASSWORD_RESET: true,
  EMAIL_CHANGE: true,
  SECURITY_REPORT: false,
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Issues a token. A new one voids the user's unused tokens of the same purpose, so only the
 * newest reset (or confirmation) link works.
 */
export async function issueToken(userId: string, purpose: TokenPurpose, email: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await db.$transaction([
    ...(NEWEST_ONLY[purpose] ? [db.authToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } })] : []),
    db.authToken.create({
      data: {
        tokenHash: hashToken(token),
        purpose,
        userId,
        email,
        expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
      },
    }),
  ]);
  return token;
}

export type TokenRecord = { userId: string; email: string; purpose: TokenPurpose };

export type TokenCheck = { status: "valid"; record: TokenRecord } | { status: "invalid" | "expired" | "used" };

/** Looks a token up without using it (to show the right page before a form is posted). */
export async function checkToken(token: unknown, purposes: TokenPurpose | TokenPurpose[]): Promise<TokenCheck> {
  if (typeof token !== "string" || token.length < 20 || token.length > 200) return { status: "invalid" };
  const row = await db.authToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || !([] as TokenPurpose[]).concat(purposes).includes(row.purpose)) return { status: "invalid" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= new Date()) return { status: "expired" };
  return { status: "valid", record: { userId: row.userId, email: row.email, purpose: row.purpose } };
}

/**
 * Uses a token once: the update only matches an unused, unexpired row, so of two concurrent
 * attempts exactly one wins.
 */
export async function consumeToken(token: unknown, purposes: TokenPurpose | TokenPurpose[]): Promise<TokenCheck> {
  const check = await checkToken(token, purposes);
  if (check.status !== "valid") return check;
  const { count } = await db.authToken.updateMany({
    where: { tokenHash: hashToken(token as string), usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  return count === 1 ? check : { status: "used" };
}

/** Links that would set or confirm the account's address: an email change and a confirmation. */
export const ADDRESS_TOKEN_PURPOSES: TokenPurpose[] = ["EMAIL_CHANGE", "EMAIL_CONFIRMATION"];

/**
 * Voids every unused email-change and confirmation link of a user (marks them used), in the
 * caller's transaction: after "This wasn't me", a reset or a claim, a link an intruder asked for
 * must not move or confirm the account any more.
 */
export async function voidAddressTokens(userId: string, tx: Prisma.TransactionClient): Promise<number> {
  const { count } = await tx.authToken.updateMany({
    where: { userId, purpose: { in: ADDRESS_TOKEN_PURPOSES }, usedAt: null },
    data: { usedAt: new Date() },
  });
  return count;
}
