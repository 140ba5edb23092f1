import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL, and a bcrypt pool of one thread with room for one waiting hash: a burst of
// sign-ins beyond that is refused at once with the "try again" sentence, and the refusals count
// neither as failed sign-ins (lockout) nor as events on the owner's timeline.
const database = withTestDatabase();
let db: typeof import("@/lib/db");
let signIn: typeof import("@/lib/auth/password-sign-in");
let rl: typeof import("@/lib/rate-limit");
let messages: typeof import("@/lib/auth/messages");
let sql: pg.Pool;

const globals = globalThis as { passwordPool?: { close(): Promise<void> } };
const password = "correct horse battery staple";

beforeAll(async () => {
  // Read once, on the first env() of this file's module graph. Cost 12: ~0.4 s per hash here, so
  // the burst below arrives while the first hash still runs.
  Object.assign(process.env, { BCRYPT_THREADS: "1", BCRYPT_QUEUE: "1", BCRYPT_COST: "12" });
  globals.passwordPool = undefined;
  db = await import("@/lib/db");
  signIn = await import("@/lib/auth/password-sign-in");
  rl = await import("@/lib/rate-limit");
  messages = await import("@/lib/auth/messages");
  sql = new pg.Pool({ connectionString: database.url, max: 2 });
});

afterAll(async () => {
  await globals.passwordPool?.close();
  globals.passwordPool = undefined;
  await sql?.end();
  for (const name of ["BCRYPT_THREADS", "BCRYPT_QUEUE", "BCRYPT_COST"]) delete process.env[name];
});

describe("sign-ins beyond the bcrypt pool's queue", () => {
  it("are refused at once with a 'try again' sentence, and count as nothing", async () => {
    const { createConfirmedUser } = await import("@/lib/admin/create-user");
    const user = await createConfirmedUser({ email: "busy@x.test", name: "Busy", password, admin: false });
    await db.db.securityEvent.deleteMany({ where: { userId: user.id } });

    // A burst from twelve IPs: one hash runs, one waits, the rest are refused (how many exactly
    // depends on how fast the database answers the checks before hashing, on a busy machine).
    const attempts = Array.from({ length: 12 }, (_, i) => signIn.attemptPasswordSignIn("busy@x.test", "wrong password, twice over", { ip: `10.9.0.${i}` }));
    const results = await Promise.all(attempts);
    const refused = results.filter((result) => result.status === "limited");
    const checked = results.filter((result) => result.status === "invalid");
    expect(refused.length).toBeGreaterThanOrEqual(6);
    expect(refused.length + checked.length).toBe(12);
    for (const result of refused) expect(result).toEqual({ status: "limited", message: messages.SIGN_IN_BUSY });

    // Only the checked passwords left a failure counter and a timeline event.
    const { rows } = await sql.query<{ key: string }>("SELECT key FROM rate_limits WHERE key LIKE $1", [`${rl.RATE_LIMIT_KEY_PREFIXES.signInFailure}:%`]);
    expect(rows).toHaveLength(checked.length);
    expect(await db.db.securityEvent.count({ where: { userId: user.id, type: "SIGN_IN_FAILED" } })).toBe(checked.length);

    // Once the burst has passed, the right password works.
    expect(await signIn.attemptPasswordSignIn("busy@x.test", password, { ip: "10.9.0.99" })).toEqual({ status: "ok", userId: user.id, secondStep: false });
  });

  it("a current-password check beyond the queue says 'busy', counts nothing, and works afterwards", async () => {
    const { createConfirmedUser } = await import("@/lib/admin/create-user");
    const account = await import("@/lib/auth/account");
    const user = await createConfirmedUser({ email: "busy-check@x.test", name: "Busy", password, admin: false });
    // Twelve checks from twelve IPs (as a password change, an email change or a deletion would make them).
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => account.checkCurrentPassword(user.id, "wrong password, twice over", `10.9.1.${i}`)));
    const refused = results.filter((result) => result.status === "limited");
    const checked = results.filter((result) => result.status === "wrong-password");
    expect(refused.length).toBeGreaterThanOrEqual(6);
    expect(refused.length + checked.length).toBe(12);
    for (const result of refused) expect(result).toEqual({ status: "limited", message: messages.PASSWORD_CHECK_BUSY });
    const keys = Array.from({ length: 12 }, (_, i) => rl.signInFailureKey("busy-check@x.test", `10.9.1.${i}`));
    const { rows } = await sql.query<{ key: string }>("SELECT key FROM rate_limits WHERE key = ANY($1)", [keys]);
    expect(rows).toHaveLength(checked.length);
    expect(checked.length).toBeGreaterThan(0);
    expect(await account.checkCurrentPassword(user.id, password, "10.9.1.99")).toEqual({ status: "ok" });
  });
});
