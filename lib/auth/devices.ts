import "server-only";
import { db } from "@/lib/db";
import { SESSION_IDLE_MS } from "@/lib/auth/session-policy";
import { describeSignInMethod } from "@/lib/auth/sign-in-methods";
import { describeUserAgent } from "@/lib/user-agent";

// A user's signed-in devices (/account/sessions): one per live Session row. Every query here is
// scoped by userId, so a session id of another user finds and changes nothing (ASVS 8.2.2).
// "Sign out other devices" is revokeOtherSessions (lib/auth/sessions.ts).

export type Device = {
  /** Session.id (a row id, not the cookie's token). */
  id: string;
  /** "Chrome 159 on Windows 10", or "Unknown browser". */
  label: string;
  /** The raw User-Agent header, for people who want to see what the label came from. */
  userAgent: string | null;
  ip: string | null;
  signedInAt: Date;
  lastActiveAt: Date;
  /** "Password", "Emailed link", "Registration". */
  method: string | null;
  current: boolean;
};

function liveSince(now: Date) {
  return { expires: { gt: now }, lastActiveAt: { gt: new Date(now.getTime() - SESSION_IDLE_MS) } };
}

/**
 * The user's live sessions, most recently active first; `current` marks the caller's own and comes
 * first (it is making this request, while lastActiveAt is written at most once a minute).
 */
export async function listDevices(userId: string, currentSessionId: string): Promise<Device[]> {
  const rows = await db.session.findMany({
    where: { userId, ...liveSince(new Date()) },
    orderBy: [{ lastActiveAt: "desc" }, { createdAt: "desc" }],
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastActiveAt: true, method: true },
  });
  const devices = rows.map((row) => ({
    id: row.id,
    label: describeUserAgent(row.userAgent).label,
    userAgent: row.userAgent,
    ip: row.ip,
    signedInAt: row.createdAt,
    lastActiveAt: row.lastActiveAt,
    method: describeSignInMethod(row.method),
    current: row.id === currentSessionId,
  }));
  return [...devices.filter((device) => device.current), ...devices.filter((device) => !device.current)];
}

/** What a revoked device was, for the security timeline (never its token). */
export type RevokedDevice = { session: string; device: string; ip: string | null };

/**
 * Signs one of the user's own devices out by deleting its session row; its next request finds no
 * session and goes to sign in. Null when no such session of this user exists (already ended, or
 * another user's id): nothing is changed then.
 */
export async function revokeSession(userId: string, sessionId: string): Promise<RevokedDevice | null> {
  const row = await db.session.findFirst({ where: { id: sessionId, userId }, select: { id: true, userAgent: true, ip: true } });
  if (!row) return null;
  const { count } = await db.session.deleteMany({ where: { id: row.id, userId } });
  if (count === 0) return null;
  return { session: row.id, device: describeUserAgent(row.userAgent).label, ip: row.ip };
}
