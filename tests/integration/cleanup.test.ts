import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: a database of its own for this file, migrated from prisma/migrations.
withTestDatabase();
let db: typeof import("@/lib/db");
let cleanup: typeof import("@/lib/auth/cleanup");
let policy: typeof import("@/lib/auth/session-policy");

beforeAll(async () => {
  db = await import("@/lib/db");
  cleanup = await import("@/lib/auth/cleanup");
  policy = await import("@/lib/auth/session-policy");
});

const HOUR = 60 * 60_000;
let sequence = 0;

async function seed() {
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms);
  const ahead = (ms: number) => new Date(now + ms);
  const user = await db.db.user.create({ data: { email: `cleanup-${++sequence}@x.test`, name: "Cleanup" } });
  const session = (name: string, expires: Date, lastActiveAt: Date) =>
    db.db.session.create({ data: { sessionToken: `${name}-${sequence}`, userId: user.id, expires, lastActiveAt, createdAt: ago(HOUR) } });
  const token = (name: string, expiresAt: Date, usedAt: Date | null = null) =>
    db.db.authToken.create({ data: { tokenHash: `${name}-${sequence}`, purpose: "PASSWORD_RESET", userId: user.id, email: user.email, expiresAt, usedAt } });
  const sessions = {
    live: await session("live", ahead(HOUR), ago(60_000)),
    expired: await session("expired", ago(1_000), ago(60_000)),
    idle: await session("idle", ahead(24 * HOUR), ago(policy.SESSION_IDLE_MS + 60_000)),
    almostIdle: await session("almost-idle", ahead(24 * HOUR), ago(policy.SESSION_IDLE_MS - 60_000)),
  };
  const tokens = {
    fresh: await token("fresh", ahead(HOUR)),
    expiredLongAgo: await token("expired-long-ago", ago(cleanup.SPENT_TOKEN_RETENTION_MS + HOUR)),
    expiredRecently: await token("expired-recently", ago(HOUR)),
    usedLongAgo: await token("used-long-ago", ahead(HOUR), ago(cleanup.SPENT_TOKEN_RETENTION_MS + HOUR)),
    usedRecently: await token("used-recently", ahead(HOUR), ago(HOUR)),
  };
  await db.db.verificationToken.createMany({
    data: [
      { identifier: user.email, token: `link-old-${sequence}`, expires: ago(cleanup.SPENT_TOKEN_RETENTION_MS + HOUR) },
      { identifier: user.email, token: `link-new-${sequence}`, expires: ahead(HOUR) },
    ],
  });
  return { user, sessions, tokens };
}

const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();

describe("deleteExpiredSessions on real PostgreSQL", () => {
  it("deletes expired and idle sessions and spent tokens older than a day, nothing else", async () => {
    const { user, sessions, tokens } = await seed();
    const result = await cleanup.deleteExpiredSessions();
    expect(result).toEqual({ sessions: 2, tokens: 2, verificationTokens: 1, pending: 0 });

    const sessionsLeft = await db.db.session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(ids(sessionsLeft)).toEqual(ids([sessions.live, sessions.almostIdle]));
    const tokensLeft = await db.db.authToken.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(ids(tokensLeft)).toEqual(ids([tokens.fresh, tokens.expiredRecently, tokens.usedRecently]));
    const linksLeft = await db.db.verificationToken.findMany({ where: { identifier: user.email } });
    expect(linksLeft.map((row) => row.token)).toEqual([`link-new-${sequence}`]);
    // The user is untouched, and a second sweep finds nothing more.
    expect(await db.db.user.count({ where: { id: user.id } })).toBe(1);
    expect(await cleanup.deleteExpiredSessions()).toEqual({ sessions: 0, tokens: 0, verificationTokens: 0, pending: 0 });
  });

  it("keeps the security timeline: the new-device check needs 90 days of sign-ins", async () => {
    const { user } = await seed();
    const old = await db.db.securityEvent.create({
      data: { userId: user.id, type: "SIGN_IN", ip: "10.0.0.1", createdAt: new Date(Date.now() - 100 * 24 * HOUR) },
    });
    await cleanup.deleteExpiredSessions();
    expect(await db.db.securityEvent.count({ where: { id: old.id } })).toBe(1);
  });

  it("the periodic sweep starts once per process and runs on its own", async () => {
    const { sessions } = await seed();
    // First sweep after 20 ms; the next would come an hour later (unref'd, so it never holds the process).
    expect(cleanup.startSessionCleanup(HOUR, 20)).toBe(true);
    expect(cleanup.startSessionCleanup(HOUR, 20)).toBe(false);
    const deadline = Date.now() + 5_000;
    while ((await db.db.session.count({ where: { id: sessions.expired.id } })) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await db.db.session.count({ where: { id: { in: [sessions.expired.id, sessions.idle.id] } } })).toBe(0);
    expect(await db.db.session.count({ where: { id: sessions.live.id } })).toBe(1);
  });
});
