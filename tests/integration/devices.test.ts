import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: the devices list, revoking a device, and the security timeline.
withTestDatabase();
let db: typeof import("@/lib/db");
let account: typeof import("@/lib/auth/account");
let sessions: typeof import("@/lib/auth/sessions");
let devices: typeof import("@/lib/auth/devices");
let audit: typeof import("@/lib/audit");
let overview: typeof import("@/lib/account/overview");

beforeAll(async () => {
  db = await import("@/lib/db");
  account = await import("@/lib/auth/account");
  sessions = await import("@/lib/auth/sessions");
  devices = await import("@/lib/auth/devices");
  audit = await import("@/lib/audit");
  overview = await import("@/lib/account/overview");
});

const password = "correct horse battery staple";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

async function newUser(email: string, role: "USER" | "ADMIN" = "USER") {
  const created = await account.registerUser({ name: "Test", email, password });
  if (created.status !== "created") throw new Error("expected a new user");
  if (role === "ADMIN") await db.db.user.update({ where: { id: created.userId }, data: { role } });
  return created.userId;
}

async function signedIn(userId: string, userAgent = CHROME, method = "password") {
  const { token } = await sessions.createSession(userId, false, { ip: "10.1.2.3", userAgent, method });
  return (await sessions.findSession(token))!;
}

describe("devices", () => {
  it("lists live sessions newest activity first, marks this one, and skips dead ones", async () => {
    const userId = await newUser("devices@x.test");
    const here = await signedIn(userId, CHROME, "registration");
    const older = await signedIn(userId, "curl/8.5.0", "email");
    await db.db.session.update({ where: { id: older.id }, data: { lastActiveAt: new Date(Date.now() - 60 * 60_000) } });
    const expired = await signedIn(userId);
    await db.db.session.update({ where: { id: expired.id }, data: { expires: new Date(Date.now() - 1000) } });
    const idle = await signedIn(userId);
    await db.db.session.update({ where: { id: idle.id }, data: { lastActiveAt: new Date(Date.now() - 8 * 24 * 60 * 60_000) } });
    // More recently written than this device's row, yet listed after it: this device is active now.
    await db.db.session.update({ where: { id: here.id }, data: { lastActiveAt: new Date(Date.now() - 2 * 60 * 60_000) } });
    const newer = await signedIn(userId);

    const list = await devices.listDevices(userId, here.id);
    expect(list.map((device) => device.id)).toEqual([here.id, newer.id, older.id]);
    expect(list[0]).toMatchObject({ current: true, label: "Chrome 156 on Linux", method: "Registration", ip: "10.1.2.3" });
    expect(list[2]).toMatchObject({ current: false, label: "Unknown browser", method: "Emailed link" });
  });

  it("revokes only the caller's own sessions", async () => {
    const alice = await newUser("alice@x.test");
    const bob = await newUser("bob@x.test");
    const aliceHere = await signedIn(alice);
    const aliceThere = await signedIn(alice);
    const bobs = await signedIn(bob);

    expect(await devices.revokeSession(alice, bobs.id)).toBeNull();
    expect(await db.db.session.count({ where: { id: bobs.id } })).toBe(1);
    expect(await devices.revokeSession(alice, "no-such-session")).toBeNull();

    expect(await devices.revokeSession(alice, aliceThere.id)).toEqual({ session: aliceThere.id, device: "Chrome 156 on Linux", ip: "10.1.2.3" });
    expect(await db.db.session.count({ where: { id: aliceThere.id } })).toBe(0);
    expect(await devices.revokeSession(alice, aliceThere.id)).toBeNull();
    expect(await db.db.session.count({ where: { id: aliceHere.id } })).toBe(1);
  });
});

describe("security timeline", () => {
  it("pages by TIMELINE_PAGE_SIZE, newest first, in plain words", async () => {
    const userId = await newUser("timeline@x.test");
    const start = Date.now() - 60 * 60_000;
    await db.db.securityEvent.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        userId,
        type: i === 11 ? "SIGN_IN" : "SIGN_IN_FAILED",
        userAgent: CHROME,
        ip: `10.0.0.${i}`,
        detail: i === 11 ? { method: "email" } : undefined,
        createdAt: new Date(start + i * 1000),
      })),
    });
    const first = await audit.securityTimeline(userId, 1);
    expect(first.entries).toHaveLength(audit.TIMELINE_PAGE_SIZE);
    expect(first).toMatchObject({ page: 1, hasNewer: false, hasOlder: true });
    expect(first.entries[0]).toMatchObject({ label: "Signed in", detail: "Emailed link", device: "Chrome 156 on Linux", ip: "10.0.0.11" });
    expect(first.entries[1]).toMatchObject({ label: "Failed sign-in", detail: null });
    const second = await audit.securityTimeline(userId, 2);
    expect(second.entries.map((entry) => entry.ip)).toEqual(["10.0.0.1", "10.0.0.0"]);
    expect(second).toMatchObject({ hasNewer: true, hasOlder: false });
    expect((await audit.securityTimeline(userId, 9)).entries).toEqual([]);
  });

  it("describes only well-formed details", () => {
    expect(audit.describeEventDetail("SESSION_REVOKED", { device: "Firefox 128 on Linux" })).toBe("Firefox 128 on Linux");
    expect(audit.describeEventDetail("SESSION_REVOKED", { others: 2 })).toBe("2 other devices");
    expect(audit.describeEventDetail("SESSION_REVOKED", { others: "2" })).toBeNull();
    expect(audit.describeEventDetail("PASSWORD_CHANGED", { endedSessions: 1 })).toBe("1 other device signed out");
    expect(audit.describeEventDetail("SIGN_IN", ["password"])).toBeNull();
    expect(audit.describeEventDetail("SIGN_IN", null)).toBeNull();
  });
});

describe("account overview (the /account dashboard's one statement)", () => {
  // preparedQuery reads timestamp(3) columns itself: they hold UTC whatever the server's zone.
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = "Pacific/Auckland";
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("counts live devices and shows the newest events as securityTimeline does", async () => {
    const userId = await newUser("overview@x.test");
    const other = await newUser("overview-other@x.test");
    await signedIn(userId);
    await signedIn(userId);
    const expired = await signedIn(userId);
    await db.db.session.update({ where: { id: expired.id }, data: { expires: new Date(Date.now() - 1000) } });
    const idle = await signedIn(userId);
    await db.db.session.update({ where: { id: idle.id }, data: { lastActiveAt: new Date(Date.now() - 8 * 24 * 60 * 60_000) } });
    await signedIn(other);
    const start = Date.now() - 60 * 60_000;
    await db.db.securityEvent.createMany({
      data: [
        // Two events in the same millisecond: the id breaks the tie, as in securityTimeline.
        ...Array.from({ length: 13 }, (_, i) => ({
          userId,
          type: i % 3 === 0 ? "SIGN_IN" : "PASSWORD_CHANGED",
          userAgent: i % 2 ? CHROME : null,
          ip: `10.0.1.${i}`,
          detail: i % 3 === 0 ? { method: "password" } : { endedSessions: i },
          createdAt: new Date(start + Math.min(i, 11) * 1000),
        })),
        { userId: other, type: "SIGN_IN", createdAt: new Date() },
      ],
    });

    // The same entries as the first page of the timeline, cut to RECENT_ACTIVITY_SIZE; the count
    // of live sessions alongside (the timeline's dates read back as UTC through preparedQuery).
    const result = await overview.accountOverview(userId);
    expect(result.activeSessions).toBe(2);
    expect(result.recentActivity).toEqual((await audit.securityTimeline(userId, 1)).entries.slice(0, overview.RECENT_ACTIVITY_SIZE));
    expect(result.recentActivity[2]).toMatchObject({
      label: "Password changed",
      detail: "10 other devices signed out",
      device: "Unknown browser",
      ip: "10.0.1.10",
      createdAt: new Date(start + 10 * 1000),
    });

    const fresh = await newUser("overview-fresh@x.test");
    expect(await overview.accountOverview(fresh)).toEqual({ activeSessions: 0, recentActivity: [] });
  });
});
