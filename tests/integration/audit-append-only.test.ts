import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: the admin audit log can be written and read, never rewritten or erased, also
// through the app's own database connection (a stolen admin session, an SQL injection, a
// careless script): the database refuses UPDATE, DELETE and TRUNCATE of "AuditLog".
withTestDatabase();
let db: typeof import("@/lib/db");

beforeAll(async () => {
  db = await import("@/lib/db");
});

let sequence = 0;
async function entry() {
  return db.db.auditLog.create({
    data: { actorEmail: "admin@x.test", action: "user.disable", targetEmail: `target-${++sequence}@x.test`, before: { disabled: false }, after: { disabled: true } },
  });
}

describe("the admin audit log is append-only", () => {
  it("control: an INSERT works and the entry can be read", async () => {
    const row = await entry();
    expect(await db.db.auditLog.findUnique({ where: { id: row.id } })).toMatchObject({ action: "user.disable" });
  });

  it("an UPDATE through the app's connection fails and changes nothing", async () => {
    const row = await entry();
    await expect(db.db.auditLog.update({ where: { id: row.id }, data: { action: "nothing happened" } })).rejects.toThrow(/append-only/);
    await expect(db.db.$executeRawUnsafe(`UPDATE "AuditLog" SET "actorEmail" = 'someone@else.test'`)).rejects.toThrow(/append-only/);
    expect(await db.db.auditLog.findUnique({ where: { id: row.id } })).toMatchObject({ action: "user.disable", actorEmail: "admin@x.test" });
  });

  it("a DELETE through the app's connection fails and the entry stays", async () => {
    const row = await entry();
    await expect(db.db.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(db.db.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.db.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE id = $1`, row.id)).rejects.toThrow(/append-only/);
    expect(await db.db.auditLog.count({ where: { id: row.id } })).toBe(1);
  });

  it("a TRUNCATE through the app's connection fails and every entry stays", async () => {
    await entry();
    const before = await db.db.auditLog.count();
    await expect(db.db.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await db.db.auditLog.count()).toBe(before);
  });

  it("deleting a user the log names still works, and the entries outlive the account", async () => {
    const { createConfirmedUser } = await import("@/lib/admin/create-user");
    const user = await createConfirmedUser({ email: `named-${++sequence}@x.test`, name: "Named", password: "correct horse battery staple", admin: false });
    await db.db.auditLog.create({ data: { actorId: user.id, actorEmail: user.email, action: "user.create", targetId: user.id, targetEmail: user.email } });
    const entries = await db.db.auditLog.count({ where: { targetId: user.id } });
    await db.db.user.delete({ where: { id: user.id } });
    expect(await db.db.auditLog.count({ where: { targetId: user.id } })).toBe(entries);
  });
});
