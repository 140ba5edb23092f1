import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: a database of its own for this file, migrated from prisma/migrations. The
// last-admin rule is a race between transactions, so it is tested with real concurrent ones.
withTestDatabase();
let db: typeof import("@/lib/db");
let actions: typeof import("@/lib/admin/actions");
let users: typeof import("@/lib/admin/users");

beforeAll(async () => {
  db = await import("@/lib/db");
  actions = await import("@/lib/admin/actions");
  users = await import("@/lib/admin/users");
});

let sequence = 0;

async function makeUser(role: "ADMIN" | "USER", label = "user") {
  const n = ++sequence;
  const user = await db.db.user.create({
    data: { email: `${label}-${n}@x.test`, name: `${label} ${n}`, role },
    select: { id: true, email: true },
  });
  return { ...user, actor: { id: user.id, email: user.email } };
}

/** Leaves exactly the given users as the database's enabled admins. */
async function onlyAdmins(...ids: string[]) {
  await db.db.user.updateMany({ where: { role: "ADMIN", id: { notIn: ids } }, data: { role: "USER" } });
}

const enabledAdmins = () => db.db.user.count({ where: { role: "ADMIN", disabledAt: null } });

describe("the last admin on real PostgreSQL", () => {
  it("two admins demoting each other at the same moment: exactly one succeeds, one admin remains", async () => {
    for (let round = 0; round < 10; round++) {
      const a = await makeUser("ADMIN", "race");
      const b = await makeUser("ADMIN", "race");
      await onlyAdmins(a.id, b.id);
      const results = await Promise.all([
        actions.setUserRole(a.actor, b.id, "USER"),
        actions.setUserRole(b.actor, a.id, "USER"),
      ]);
      const statuses = results.map((result) => result.status).sort();
      // The loser is refused either as the last admin, or (when the winner demoted it first) as
      // no longer an admin: both mean nothing changed.
      expect(statuses[0]).toBe("done");
      expect(["last-admin", "not-admin"]).toContain(statuses[1]);
      expect(await enabledAdmins()).toBe(1);
      expect(await db.db.auditLog.count({ where: { action: "user.role", targetId: { in: [a.id, b.id] } } })).toBe(1);
    }
  });

  it("two admins demoting themselves at the same moment: one remains", async () => {
    const a = await makeUser("ADMIN", "self");
    const b = await makeUser("ADMIN", "self");
    await onlyAdmins(a.id, b.id);
    const results = await Promise.all([
      actions.setUserRole(a.actor, a.id, "USER"),
      actions.setUserRole(b.actor, b.id, "USER"),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["done", "last-admin"]);
    expect(await enabledAdmins()).toBe(1);
  });

  it("concurrent disable, demote and delete of the last two admins leave one enabled admin", async () => {
    const a = await makeUser("ADMIN", "mixed");
    const b = await makeUser("ADMIN", "mixed");
    await onlyAdmins(a.id, b.id);
    const results = await Promise.all([
      actions.setUserDisabled(a.actor, b.id, true),
      actions.setUserRole(b.actor, a.id, "USER"),
      actions.deleteUser(b.actor, a.id, a.email),
    ]);
    // Which wins depends on timing (demoting a first lets deleting a succeed too); never both admins gone.
    expect(results.some((result) => result.status === "done")).toBe(true);
    expect(await enabledAdmins()).toBe(1);
  });

  it("the CLI (no actor id) is held to the same rule, and a sole admin cannot be disabled or deleted", async () => {
    const only = await makeUser("ADMIN", "sole");
    await onlyAdmins(only.id);
    const cli = { id: null, email: "cli" };
    expect(await actions.setUserRole(cli, only.id, "USER")).toEqual({ status: "last-admin" });
    expect(await actions.setUserDisabled(only.actor, only.id, true)).toEqual({ status: "last-admin" });
    expect(await actions.deleteUser(only.actor, only.id, only.email)).toEqual({ status: "last-admin" });
    expect(await enabledAdmins()).toBe(1);
    // With a second admin, the first may step down.
    const second = await makeUser("ADMIN", "sole");
    expect(await actions.setUserRole(cli, only.id, "USER")).toMatchObject({ status: "done" });
    expect(await db.db.auditLog.findFirst({ where: { targetId: only.id, action: "user.role" } })).toMatchObject({
      actorId: null,
      actorEmail: "cli",
      before: { role: "ADMIN" },
      after: { role: "USER" },
    });
    expect(await enabledAdmins()).toBe(1);
    await onlyAdmins(second.id);
  });
});

describe("admin actions", () => {
  it("disabling ends every session at once, in the same transaction as the audit entry", async () => {
    const admin = await makeUser("ADMIN", "boss");
    const target = await makeUser("USER", "target");
    const expires = new Date(Date.now() + 3_600_000);
    for (const token of ["t1", "t2"]) {
      await db.db.session.create({ data: { sessionToken: `${token}-${target.id}`, userId: target.id, expires } });
    }
    expect(await actions.setUserDisabled(admin.actor, target.id, true, { ip: "192.0.2.7" })).toMatchObject({ status: "done" });
    expect(await db.db.session.count({ where: { userId: target.id } })).toBe(0);
    expect(await db.db.auditLog.findFirst({ where: { targetId: target.id, action: "user.disable" } })).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      before: { disabled: false, sessions: 2 },
      after: { disabled: true, sessions: 0 },
      ip: "192.0.2.7",
    });
    const event = await db.db.securityEvent.findFirst({ where: { userId: target.id, type: "ADMIN_DISABLED" } });
    expect(event).not.toBeNull();
    // The target's timeline does not show the admin's IP.
    expect(event?.ip).toBeNull();
    expect(await actions.setUserDisabled(admin.actor, target.id, true)).toMatchObject({ status: "unchanged" });
  });

  it("deleting needs the exact email typed, and keeps the audit entry after the account is gone", async () => {
    const admin = await makeUser("ADMIN", "deleter");
    const target = await makeUser("USER", "doomed");
    expect(await actions.deleteUser(admin.actor, target.id, "someone-else@x.test")).toEqual({ status: "mismatch" });
    expect(await db.db.user.count({ where: { id: target.id } })).toBe(1);
    expect(await actions.deleteUser(admin.actor, target.id, ` ${target.email.toUpperCase()} `)).toMatchObject({ status: "done" });
    expect(await db.db.user.count({ where: { id: target.id } })).toBe(0);
    expect(await db.db.auditLog.findFirst({ where: { targetId: target.id, action: "user.delete" } })).toMatchObject({
      targetEmail: target.email,
      before: { email: target.email, role: "USER" },
      after: null,
    });
    expect(await actions.deleteUser(admin.actor, target.id, target.email)).toEqual({ status: "not-found" });
  });

  it("a session is revoked only through its own user", async () => {
    const admin = await makeUser("ADMIN", "revoker");
    const owner = await makeUser("USER", "owner");
    const other = await makeUser("USER", "other");
    const userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.8154.6 Safari/537.36";
    const session = await db.db.session.create({
      data: { sessionToken: `s-${owner.id}`, userId: owner.id, expires: new Date(Date.now() + 3_600_000), ip: "10.1.2.3", userAgent },
    });
    expect(await actions.revokeUserSession(admin.actor, other.id, session.id)).toEqual({ status: "no-session" });
    expect(await db.db.session.count({ where: { id: session.id } })).toBe(1);
    expect(await actions.revokeUserSession(admin.actor, owner.id, session.id)).toMatchObject({ status: "done" });
    expect(await db.db.session.count({ where: { id: session.id } })).toBe(0);
    // The audit log names the device as the owner's /account/sessions did.
    const entry = await db.db.auditLog.findFirstOrThrow({ where: { action: "user.session-revoke", targetId: owner.id } });
    expect(entry.before).toEqual({ session: "Chrome 159 on Windows 10, 10.1.2.3" });
  });
});

describe("the users list", () => {
  it("searches email and name, any case, with wildcards taken literally, and pages without gaps or repeats", async () => {
    const tag = `pg${Date.now().toString(36)}`;
    await db.db.user.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        email: `${tag}-${i}@x.test`,
        name: i % 2 ? `Odd ${tag.toUpperCase()} ${i}` : null,
        // Some share a timestamp: the id breaks the tie.
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 3))),
        lastSignInAt: i % 4 === 0 ? null : new Date(Date.UTC(2026, 1, 1, 0, 0, i % 7)),
      })),
    });
    await db.db.user.create({ data: { email: `x%_@${tag}.test`, name: "Percent" } });

    for (const [sort, order] of [["created", "desc"], ["created", "asc"], ["signin", "desc"], ["signin", "asc"]] as const) {
      const seen: Awaited<ReturnType<typeof users.listUsers>>["rows"] = [];
      let page = await users.listUsers({ search: tag.toUpperCase(), sort, order });
      expect(page.total).toBe(131);
      expect(page.previous).toBeNull();
      const forward: string[][] = [];
      for (;;) {
        forward.push(page.rows.map((row) => row.id));
        seen.push(...page.rows);
        if (!page.next) break;
        page = await users.listUsers({ search: tag, sort, order, after: page.next });
      }
      expect(new Set(seen.map((row) => row.id)).size).toBe(131);
      expect(seen).toHaveLength(131);
      // The order is total and as asked: by the sort value, then id; never-signed-in users last.
      const key = (row: (typeof seen)[number]) => (sort === "signin" ? row.lastSignInAt : row.createdAt);
      const sign = order === "desc" ? -1 : 1;
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [key(seen[i - 1]), key(seen[i])];
        if (a === null) expect(b).toBeNull();
        if (a === null || b === null) continue;
        const byValue = Math.sign(b.getTime() - a.getTime()) * sign;
        expect(byValue === 1 || (byValue === 0 && Math.sign(seen[i].id.localeCompare(seen[i - 1].id)) * sign === 1)).toBe(true);
      }
      // Walking back with "Previous" gives the same pages in reverse.
      const backward: string[][] = [page.rows.map((row) => row.id)];
      while (page.previous) {
        page = await users.listUsers({ search: tag, sort, order, before: page.previous });
        backward.unshift(page.rows.map((row) => row.id));
      }
      expect(backward).toEqual(forward);
    }

    expect((await users.listUsers({ search: "%", sort: "created", order: "desc" })).rows.map((row) => row.email)).toEqual([`x%_@${tag}.test`]);
    expect((await users.listUsers({ search: "percent", sort: "created", order: "desc" })).total).toBe(1);
  });
});
