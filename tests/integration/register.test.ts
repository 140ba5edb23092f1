import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: a database of its own for this file, migrated from prisma/migrations.
withTestDatabase();
let account: typeof import("@/lib/auth/account");
let db: typeof import("@/lib/db");
let sessions: typeof import("@/lib/auth/sessions");

beforeAll(async () => {
  db = await import("@/lib/db");
  account = await import("@/lib/auth/account");
  sessions = await import("@/lib/auth/sessions");
});

const password = "correct horse battery staple";

describe("registration on real PostgreSQL", () => {
  it("two simultaneous registrations of one address in different case leave exactly one user", async () => {
    const { EmailSchema } = await import("@/lib/validation/email");
    const results = await Promise.all(
      ["Alice@x.test", "alice@x.test", "ALICE@X.TEST", " alice@x.test "].map((typed) =>
        account.registerUser({ name: "Alice", email: EmailSchema.parse(typed), password }),
      ),
    );
    expect(results.filter((result) => result.status === "created")).toHaveLength(1);
    expect(results.filter((result) => result.status === "exists")).toHaveLength(3);
    expect(await db.db.user.count({ where: { email: { equals: "alice@x.test", mode: "insensitive" } } })).toBe(1);
  });

  it("signs in only with the right password, the same answer for unknown emails", async () => {
    await account.registerUser({ name: "Bob", email: "bob@x.test", password });
    expect((await account.verifyCredentials("bob@x.test", password)).status).toBe("ok");
    expect((await account.verifyCredentials("bob@x.test", "wrong horse battery staple")).status).toBe("invalid");
    expect((await account.verifyCredentials("nobody@x.test", password)).status).toBe("invalid");
  });

  it("a password change ends the other sessions and rotates the current token", async () => {
    const created = await account.registerUser({ name: "Carol", email: "carol@x.test", password });
    if (created.status !== "created") throw new Error("expected a new user");
    const meta = { ip: "127.0.0.1", userAgent: "test", method: "password" };
    const here = await sessions.createSession(created.userId, false, meta);
    await sessions.createSession(created.userId, true, meta);
    const current = await sessions.findSession(here.token);
    expect(current).not.toBeNull();
    const changed = await account.changePassword(current!, password, "violet kettle orbit lantern", meta.ip);
    expect(changed.status).toBe("ok");
    if (changed.status !== "ok") return;
    expect(changed.endedSessions).toBe(1);
    expect(await sessions.findSession(here.token)).toBeNull();
    expect((await sessions.findSession(changed.token))?.userId).toBe(created.userId);
    expect(await db.db.session.count({ where: { userId: created.userId } })).toBe(1);
    expect((await account.changePassword(current!, "wrong", "x", meta.ip)).status).toBe("wrong-password");
  });
});
