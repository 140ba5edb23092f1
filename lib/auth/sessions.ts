import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, preparedQuery } from "@/lib/db";
import { SESSION_ACTIVITY_WRITE_MS, SESSION_IDLE_MS, sessionDeadline } from "@/lib/auth/session-policy";
import type { Role } from "@/lib/generated/prisma/enums";

// Database sessions are the truth (ASVS 7.2): the cookie holds 32 random bytes, the table holds
// only their SHA-256, and revoking is deleting the row.

export type SessionUser = {
  id: string;
  name: string | null;
  email: string;
  emailVerified: Date | null;
  role: Role;
  createdAt: Date;
  lastSignInAt: Date | null;
};

export type CurrentSession = {
  id: string;
  userId: string;
  expires: Date;
  createdAt: Date;
  lastActiveAt: Date;
  remember: boolean;
  /** How strong the sign-in was: ONE_FACTOR or TWO_FACTORS (sessionFactors). */
  factors: number;
  user: SessionUser;
};

/** `factors` is the sign-in's strength (sessionFactors); one when not given. */
export type SessionMetadata = { ip: string; userAgent: string; method: string; factors?: number };

export const ONE_FACTOR = 1;
export const TWO_FACTORS = 2;

/**
 * How strong a sign-in is (ASVS 6.3.3, and what REQUIRE_ADMIN_2FA asks of a session): a password,
 * an emailed link or a registration prove one factor; a passkey (user verification is required,
 * so something you have unlocked by something you are or know) proves two, as does a first factor
 * followed by an authentication or recovery code.
 */
export function sessionFactors(method: string, secondFactor: boolean): number {
  return method === "passkey" || secondFactor ? TWO_FACTORS : ONE_FACTOR;
}

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The cookie's Expires: none for a browser-session cookie, the row's expiry when remembered. */
export function cookieExpiry(session: { remember: boolean; expires: Date }): Date | null {
  return session.remember ? session.expires : null;
}

/** A new row and a new token at every sign-in (ASVS 7.2.4: no session fixation). */
export async function createSession(
  userId: string,
  remember: boolean,
  metadata: SessionMetadata,
): Promise<{ token: string; cookieExpires: Date | null }> {
  const token = newSessionToken();
  const now = new Date();
  const expires = sessionDeadline({ createdAt: now, remember });
  await db.$transaction([
    db.session.create({
      data: {
        sessionToken: hashSessionToken(token),
        userId,
        expires,
        createdAt: now,
        lastActiveAt: now,
        remember,
        ip: metadata.ip,
        userAgent: metadata.userAgent,
        method: metadata.method,
        factors: metadata.factors ?? ONE_FACTOR,
      },
    }),
    db.user.update({ where: { id: userId }, data: { lastSignInAt: now } }),
  ]);
  return { token, cookieExpires: remember ? expires : null };
}

// The deadline is checked as well as `expires`, so a row whose expiry an older version slid past
// it is still dead 30 days after its sign-in (ASVS 7.3.2).
function isLive(session: { expires: Date; lastActiveAt: Date; createdAt: Date; remember: boolean }, now: number) {
  return (
    session.expires.getTime() > now &&
    sessionDeadline(session).getTime() > now &&
    now - session.lastActiveAt.getTime() < SESSION_IDLE_MS
  );
}

type SessionRow = {
  id: string;
  userId: string;
  expires: Date;
  createdAt: Date;
  lastActiveAt: Date;
  remember: boolean;
  factors: number;
  name: string | null;
  email: string;
  emailVerified: Date | null;
  role: Role;
  userCreatedAt: Date;
  lastSignInAt: Date | null;
  disabledAt: Date | null;
};

/**
 * The session a cookie value stands for, or null when it is unknown, expired, idle too long, or
 * its user is disabled. Dead rows found here are deleted. One round trip (a join: Prisma's nested
 * select would make two), as a prepared statement, for the check every signed-in request makes.
 */
export async function findSession(token: string | undefined): Promise<CurrentSession | null> {
  if (!token || token.length > 200) return null;
  const rows = await preparedQuery<SessionRow>(
    "find-session",
    `SELECT s.id, s."userId", s.expires, s."createdAt", s."lastActiveAt", s.remember, s.factors,
            u.name, u.email, u."emailVerified", u.role::text AS role, u."createdAt" AS "userCreatedAt",
            u."lastSignInAt", u."disabledAt"
     FROM "Session" s JOIN "User" u ON u.id = s."userId"
     WHERE s."sessionToken" = $1
     LIMIT 1`,
    [hashSessionToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  if (!isLive(row, Date.now()) || row.disabledAt) {
    await db.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  return {
    id: row.id,
    userId: row.userId,
    expires: row.expires,
    createdAt: row.createdAt,
    lastActiveAt: row.lastActiveAt,
    remember: row.remember,
    factors: row.factors,
    user: {
      id: row.userId,
      name: row.name,
      email: row.email,
      emailVerified: row.emailVerified,
      role: row.role,
      createdAt: row.userCreatedAt,
      lastSignInAt: row.lastSignInAt,
    },
  };
}

/**
 * Records activity at most once a minute per session, which moves the idle timeout on; the expiry
 * never moves past the session's deadline (ASVS 7.3.2: an absolute lifetime from sign-in), and one
 * written later by an older version is pulled back to it. Returns the cookie expiry when the
 * cookie must be re-sent (remembered sessions), otherwise null.
 */
export async function touchSession(session: CurrentSession): Promise<Date | null> {
  const now = Date.now();
  if (now - session.lastActiveAt.getTime() < SESSION_ACTIVITY_WRITE_MS) return null;
  const deadline = sessionDeadline(session);
  const expires = session.expires > deadline ? deadline : session.expires;
  await db.session.updateMany({
    where: { id: session.id, lastActiveAt: { lt: new Date(now - SESSION_ACTIVITY_WRITE_MS) } },
    data: { lastActiveAt: new Date(now), expires },
  });
  return session.remember ? expires : null;
}

/**
 * A step-up (lib/auth/step-up.ts): the session is raised to two factors in place, with a new token
 * (ASVS 7.2.4: a new token at re-authentication, the old one stops working). Returns the new
 * token, or null when the session ended meanwhile.
 */
export async function raiseSessionToTwoFactors(sessionId: string): Promise<string | null> {
  const token = newSessionToken();
  const { count } = await db.session.updateMany({
    where: { id: sessionId },
    data: { factors: TWO_FACTORS, sessionToken: hashSessionToken(token) },
  });
  return count === 1 ? token : null;
}

export async function deleteSessionByToken(token: string | undefined): Promise<void> {
  if (!token) return;
  await db.session.deleteMany({ where: { sessionToken: hashSessionToken(token) } });
}

/** Ends every session of a user except `keepSessionId` (when given). Returns how many ended. */
export async function revokeOtherSessions(userId: string, keepSessionId?: string): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
  });
  return count;
}
