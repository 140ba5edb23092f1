import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import type { CurrentSession } from "@/lib/auth/sessions";

// middleware.ts hands the session it read from the database to the pages of the same request in a
// request header (SESSION_HEADER), so they need not read it again. Middleware does not run on every
// path, and wherever it does not, a client's own header would reach the page: so the value carries
// an HMAC-SHA-256 that only this server can make, and pages accept nothing else (ASVS 8.3.1: no
// decision rests on what a client could supply). The MAC covers the exact payload and the session cookie of the request, so a value copied
// out of one request is worthless without that cookie, which is the session anyway.

const KEY_PURPOSE = "accounts/session-header";
const VERSION = "v1";

let cached: { secret: string; key: Buffer } | undefined;

/** A key of its own, derived from AUTH_SECRET by HKDF (like lib/auth/secret-box.ts, another label). */
function key(): Buffer {
  const secret = env().AUTH_SECRET;
  if (cached?.secret !== secret) {
    cached = { secret, key: Buffer.from(hkdfSync("sha256", secret, KEY_PURPOSE, VERSION, 32)) };
  }
  return cached.key;
}

function mac(payload: string, sessionToken: string): Buffer {
  return createHmac("sha256", key()).update(`${VERSION}\n${sessionToken}\n${payload}`).digest();
}

/** The header value: the session as URI-encoded JSON (header values must be ASCII), a dot, its MAC. */
export function signSessionHeader(session: CurrentSession, sessionToken: string): string {
  const payload = encodeURIComponent(JSON.stringify(session));
  return `${payload}.${mac(payload, sessionToken).toString("base64url")}`;
}

const DATE_FIELDS = ["expires", "createdAt", "lastActiveAt"] as const;
const USER_DATE_FIELDS = ["emailVerified", "createdAt", "lastSignInAt"] as const;

/**
 * The session middleware signed for this request's session cookie, or null when the value is
 * missing, malformed, or not signed with this server's key for this cookie (the caller then reads
 * the session from the database).
 */
export function verifySessionHeader(value: string | null, sessionToken: string | undefined): CurrentSession | null {
  if (!value || !sessionToken) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "base64url");
  const expected = mac(payload, sessionToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const session = JSON.parse(decodeURIComponent(payload));
  for (const field of DATE_FIELDS) session[field] = new Date(session[field]);
  for (const field of USER_DATE_FIELDS) session.user[field] = session.user[field] ? new Date(session.user[field]) : null;
  return session as CurrentSession;
}
