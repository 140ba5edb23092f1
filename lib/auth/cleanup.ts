import "server-only";
import { db } from "@/lib/db";
import { REMEMBERED_SESSION_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "@/lib/auth/session-policy";

// Housekeeping for rows that can no longer grant anything. findSession already refuses (and
// deletes) a dead session when its cookie comes back; this removes the ones whose cookie never does.
// SecurityEvent rows are never swept here: the new-device alert (lib/auth/new-device.ts) reads
// 90 days of sign-ins, so any retention limit added later must keep at least NEW_DEVICE_WINDOW_MS.

/** The sweep runs at most this often per process. */
export const CLEANUP_INTERVAL_MS = 10 * 60_000;
/** The first sweep, a little after start (not during it). */
export const CLEANUP_FIRST_DELAY_MS = 30_000;
/**
 * Expired or used emailed tokens are kept this long, so a link followed late still gets "this link
 * has expired / was already used" rather than "not valid".
 */
export const SPENT_TOKEN_RETENTION_MS = 24 * 60 * 60_000;

export type CleanupResult = { sessions: number; tokens: number; verificationTokens: number; pending: number };

/**
 * Deletes sessions past their expiry, past their deadline (sessionDeadline: even when an older
 * version slid `expires` beyond it) or idle beyond SESSION_IDLE_MS, and emailed tokens (ours and
 * Auth.js's sign-in links) that expired or were used more than a day ago.
 */
export async function deleteExpiredSessions(now: Date = new Date()): Promise<CleanupResult> {
  const idleSince = new Date(now.getTime() - SESSION_IDLE_MS);
  const before = (ms: number) => new Date(now.getTime() - ms);
  const spentBefore = new Date(now.getTime() - SPENT_TOKEN_RETENTION_MS);
  const [sessions, tokens, verificationTokens, pendingSignIns, challenges] = await db.$transaction([
    db.session.deleteMany({
      where: {
        OR: [
          { expires: { lte: now } },
          { lastActiveAt: { lte: idleSince } },
          { remember: true, createdAt: { lte: before(REMEMBERED_SESSION_MS) } },
          { remember: false, createdAt: { lte: before(SESSION_ABSOLUTE_MS) } },
        ],
      },
    }),
    db.authToken.deleteMany({ where: { OR: [{ expiresAt: { lte: spentBefore } }, { usedAt: { lte: spentBefore } }] } }),
    db.verificationToken.deleteMany({ where: { expires: { lte: spentBefore } } }),
    // Second steps and WebAuthn challenges nobody finished (they live 5 minutes).
    db.pendingSignIn.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
  return {
    sessions: sessions.count,
    tokens: tokens.count,
    verificationTokens: verificationTokens.count,
    pending: pendingSignIns.count + challenges.count,
  };
}

const started = Symbol.for("accounts.sessionCleanup");

/**
 * Starts the periodic sweep once per process (instrumentation-node.ts). The timers are unref'd, so
 * they never keep a process alive; a failed sweep is logged and the next one runs as usual.
 * Returns false when it was already started.
 */
export function startSessionCleanup(intervalMs = CLEANUP_INTERVAL_MS, firstDelayMs = CLEANUP_FIRST_DELAY_MS): boolean {
  const registry = globalThis as { [started]?: boolean };
  if (registry[started]) return false;
  registry[started] = true;
  const sweep = () => {
    deleteExpiredSessions().catch((error: unknown) => {
      console.error("cleanup: could not delete expired sessions:", error instanceof Error ? error.message : error);
    });
  };
  setTimeout(() => {
    sweep();
    setInterval(sweep, intervalMs).unref();
  }, firstDelayMs).unref();
  return true;
}
