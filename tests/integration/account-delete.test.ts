import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: deleting an account, and "Download my data".
withTestDatabase();
let db: typeof import("@/lib/db");
let account: typeof import("@/lib/auth/account");
let sessions: typeof import("@/lib/auth/sessions");
let audit: typeof import("@/lib/audit");
let deletion: typeof import("@/lib/account/delete");
let exporting: typeof import("@/lib/account/export");

beforeAll(async () => {
  db = await import("@/lib/db");
  account = await import("@/lib/auth/account");
  sessions = await import("@/lib/auth/sessions");
  audit = await import("@/lib/audit");
  deletion = await import("@/lib/account/delete");
  exporting = await import("@/lib/account/export");
});

const password = "correct horse battery staple";
/** The client's IP, for the sign-in lockout the password check runs under (current-password.test.ts). */
const ip = "10.1.2.3";
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

describe("account deletion", () => {
  it("needs the password, then deletes the user and everything that hangs on it", async () => {
    const userId = await newUser("leaving@x.test");
    await signedIn(userId);
    await audit.recordSecurityEvent(userId, "SIGN_IN", {}, { method: "password" });
    await db.db.authToken.create({ data: { tokenHash: "leaving", purpose: "PASSWORD_RESET", userId, email: "leaving@x.test", expiresAt: new Date(Date.now() + 60_000) } });
    await db.db.verificationToken.create({ data: { identifier: "leaving@x.test", token: "link", expires: new Date(Date.now() + 60_000) } });

    expect(await deletion.deleteAccount(userId, "wrong horse battery staple", ip)).toEqual({ status: "wrong-password" });
    expect(await db.db.user.count({ where: { id: userId } })).toBe(1);

    expect(await deletion.deleteAccount(userId, password, ip)).toEqual({ status: "deleted" });
    expect(await db.db.user.count({ where: { id: userId } })).toBe(0);
    expect(await db.db.session.count({ where: { userId } })).toBe(0);
    expect(await db.db.securityEvent.count({ where: { userId } })).toBe(0);
    expect(await db.db.authToken.count({ where: { userId } })).toBe(0);
    expect(await db.db.verificationToken.count({ where: { identifier: "leaving@x.test" } })).toBe(0);
    // The address is free again.
    expect((await account.registerUser({ name: "Again", email: "leaving@x.test", password })).status).toBe("created");
  });

  it("the last administrator cannot delete themselves; one of two can", async () => {
    const first = await newUser("admin1@x.test", "ADMIN");
    expect(await deletion.deleteAccount(first, password, ip)).toEqual({ status: "last-admin" });
    const second = await newUser("admin2@x.test", "ADMIN");
    const results = await Promise.all([deletion.deleteAccount(first, password, ip), deletion.deleteAccount(second, password, ip)]);
    expect(results.map((result) => result.status).sort()).toEqual(["deleted", "last-admin"]);
    expect(await db.db.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });
});

describe("data export", () => {
  it("has the profile, sessions and events, and no hash or token", async () => {
    const userId = await newUser("export@x.test");
    await signedIn(userId);
    await audit.recordSecurityEvent(userId, "SIGN_IN", { ip: "10.1.2.3" }, { method: "password" });
    const data = await exporting.exportAccountData(userId);
    expect(data?.profile).toMatchObject({ email: "export@x.test", name: "Test" });
    expect(data?.sessions).toHaveLength(1);
    expect(data?.securityEvents[0]).toMatchObject({ type: "SIGN_IN", label: "Signed in", ip: "10.1.2.3" });
    const text = JSON.stringify(data);
    for (const key of ["passwordHash", "sessionToken", "tokenHash"]) expect(text).not.toContain(`"${key}"`);
    expect(await exporting.exportAccountData("no-such-user")).toBeNull();
  });
});
