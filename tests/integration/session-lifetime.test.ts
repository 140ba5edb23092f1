import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "./support/database";

// Threat: a stolen "Remember me" cookie that is used now and then never stops working, because
// each use slides the session's end. Real PostgreSQL; the clock is moved with vitest's fake Date
// (timers stay real, so the database driver is unaffected).
withTestDatabase();
let db: typeof import("@/lib/db");
let sessions: typeof import("@/lib/auth/sessions");
let cleanup: typeof import("@/lib/auth/cleanup");
let policy: typeof import("@/lib/auth/session-policy");

beforeAll(async () => {
  db = await import("@/lib/db");
  sessions = await import("@/lib/auth/sessions");
  cleanup = await import("@/lib/auth/cleanup");
  policy = await import("@/lib/auth/session-policy");
});

afterEach(() => {
  vi.useRealTimers();
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const metadata = { ip: "10.7.3.2", userAgent: "vitest", method: "password" };
let sequence = 0;

async function newUser() {
  const user = await db.db.user.create({ data: { email: `lifetime-${++sequence}@x.test`, name: "Lifetime" } });
  return user.id;
}

async function row(id: string) {
  return db.db.session.findUnique({ where: { id }, select: { expires: true, createdAt: true } });
}

/** A session row as some earlier code could have left it: any expiry, however far out. */
async function insertSession(userId: string, fields: { createdAt: Date; lastActiveAt: Date; expires: Date; remember: boolean }) {
  const token = sessions.newSessionToken();
  const created = await db.db.session.create({ data: { sessionToken: sessions.hashSessionToken(token), userId, ...fields } });
  return { token, id: created.id };
}

describe("remembered sessions have an absolute lifetime (30 days from sign-in)", () => {
  it("a remembered session used every day stops 30 days after its sign-in", async () => {
    expect(policy.REMEMBERED_SESSION_MS).toBe(30 * DAY);
    vi.useFakeTimers({ toFake: ["Date"] });
    const signedInAt = Date.now();
    const userId = await newUser();
    const { token, cookieExpires } = await sessions.createSession(userId, true, metadata);
    const cap = signedInAt + policy.REMEMBERED_SESSION_MS;
    expect(cookieExpires!.getTime()).toBeLessThanOrEqual(cap);

    for (let day = 1; day <= 31; day++) {
      vi.setSystemTime(signedInAt + day * DAY - 2 * MINUTE);
      const session = await sessions.findSession(token);
      if (day * DAY - 2 * MINUTE >= policy.REMEMBERED_SESSION_MS) {
        expect(session, `day ${day}: past the cap`).toBeNull();
        continue;
      }
      expect(session, `day ${day}: within the cap, used daily`).not.toBeNull();
      const cookieExpiry = await sessions.touchSession(session!);
      // The cookie re-sent with a slide, and the row, never outlive the cap.
      expect(cookieExpiry!.getTime(), `day ${day}: cookie`).toBeLessThanOrEqual(cap);
      expect((await row(session!.id))!.expires.getTime(), `day ${day}: row`).toBeLessThanOrEqual(cap);
    }
    // Found dead, it was deleted.
    expect(await db.db.session.count({ where: { userId } })).toBe(0);
  });

  it("touch never writes an expiry past createdAt + 30 days", async () => {
    const userId = await newUser();
    const now = Date.now();
    const createdAt = new Date(now - 29 * DAY);
    const { token, id } = await insertSession(userId, {
      createdAt,
      lastActiveAt: new Date(now - 2 * MINUTE),
      expires: new Date(createdAt.getTime() + policy.REMEMBERED_SESSION_MS),
      remember: true,
    });
    const session = await sessions.findSession(token);
    expect(session).not.toBeNull();
    const cookieExpiry = await sessions.touchSession(session!);
    const cap = createdAt.getTime() + policy.REMEMBERED_SESSION_MS;
    expect(cookieExpiry!.getTime()).toBeLessThanOrEqual(cap);
    expect((await row(id))!.expires.getTime()).toBeLessThanOrEqual(cap);
  });

  it("a row whose expiry was slid past the cap (by an older version) is dead, and touch pulls it back", async () => {
    const userId = await newUser();
    const now = Date.now();
    const lastActiveAt = new Date(now - 2 * MINUTE);
    const farExpiry = new Date(now + 20 * DAY);
    const pastCap = await insertSession(userId, { createdAt: new Date(now - 31 * DAY), lastActiveAt, expires: farExpiry, remember: true });
    expect(await sessions.findSession(pastCap.token)).toBeNull();
    expect(await row(pastCap.id)).toBeNull();

    // Not remembered: 12 hours from sign-in, whatever `expires` says.
    const pastTwelveHours = await insertSession(userId, {
      createdAt: new Date(now - policy.SESSION_ABSOLUTE_MS - MINUTE),
      lastActiveAt,
      expires: farExpiry,
      remember: false,
    });
    expect(await sessions.findSession(pastTwelveHours.token)).toBeNull();

    // The control: the same far expiry within the cap is live (the rows above died of the cap),
    // and its next touch brings the expiry back to the cap.
    const createdAt = new Date(now - 10 * DAY);
    const withinCap = await insertSession(userId, { createdAt, lastActiveAt, expires: farExpiry, remember: true });
    const live = await sessions.findSession(withinCap.token);
    expect(live).not.toBeNull();
    const cookieExpiry = await sessions.touchSession(live!);
    expect(cookieExpiry!.getTime()).toBe(createdAt.getTime() + policy.REMEMBERED_SESSION_MS);
    expect((await row(withinCap.id))!.expires.getTime()).toBe(createdAt.getTime() + policy.REMEMBERED_SESSION_MS);
  });

  it("the periodic sweep deletes rows past the cap even when their expiry is later", async () => {
    const userId = await newUser();
    const now = Date.now();
    const lastActiveAt = new Date(now - MINUTE);
    const expires = new Date(now + 20 * DAY);
    const dead = await insertSession(userId, { createdAt: new Date(now - 31 * DAY), lastActiveAt, expires, remember: true });
    const live = await insertSession(userId, { createdAt: new Date(now - 29 * DAY), lastActiveAt, expires, remember: true });
    await cleanup.deleteExpiredSessions();
    expect(await row(dead.id)).toBeNull();
    expect(await row(live.id)).not.toBeNull();
  });
});
