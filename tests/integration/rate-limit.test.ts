import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: a database of its own for this file, migrated from prisma/migrations (the
// rate_limits table comes from the migration, never from the library).
const database = withTestDatabase();
let rl: typeof import("@/lib/rate-limit");
let sql: pg.Pool;

const globals = globalThis as { rateLimitStore?: unknown };

beforeAll(async () => {
  rl = await import("@/lib/rate-limit");
  sql = new pg.Pool({ connectionString: database.url, max: 2 });
});

afterAll(async () => {
  await sql?.end();
});

// Every test uses addresses and IPs of its own, so counters never leak between tests.
let sequence = 0;
const email = (label: string) => `${label}-${++sequence}@x.test`;
const ip = () => {
  const n = ++sequence;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

async function storedRow(key: string) {
  const { rows } = await sql.query<{ points: number; expire: string }>("SELECT points, expire FROM rate_limits WHERE key = $1", [key]);
  return rows[0];
}

async function fail(times: number, address: string, from: string) {
  const results = [];
  for (let i = 0; i < times; i++) results.push((await rl.recordSignInFailure(address, from)).lockedNow);
  return results;
}

async function lock(address: string, from: string) {
  expect(await fail(rl.SIGN_IN_MAX_FAILURES, address, from)).toEqual([false, false, false, false, true]);
}

describe("sign-in lockout on real PostgreSQL", () => {
  it("five failures lock the email+IP pair, and while locked even the right password is refused", async () => {
    const address = email("alice");
    const from = ip();
    for (let attempt = 0; attempt < rl.SIGN_IN_MAX_FAILURES - 1; attempt++) {
      expect(await rl.checkSignIn(address, from)).toEqual({ ok: true });
      expect(await rl.recordSignInFailure(address, from)).toMatchObject({ lockedNow: false });
    }
    expect(await rl.checkSignIn(address, from)).toEqual({ ok: true });
    expect(await rl.recordSignInFailure(address, from)).toMatchObject({ lockedNow: true });

    // checkSignIn runs before the password is verified, so a refusal here refuses the right one too.
    const refused = await rl.checkSignIn(address, from);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: expect.any(Number), message: "Too many attempts, try again in 15 minutes." });
    if (refused.ok) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(rl.SIGN_IN_FAILURE_WINDOW_SECONDS - 5);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(rl.SIGN_IN_FAILURE_WINDOW_SECONDS);
  });

  it("a lock lasts a whole window from the failure that set it, however old the first failure", async () => {
    const address = email("slow");
    const from = ip();
    expect(await fail(4, address, from)).toEqual([false, false, false, false]);
    // The counting window opened 14 minutes ago and has one minute left.
    await sql.query("UPDATE rate_limits SET expire = $2 WHERE key = $1", [rl.signInFailureKey(address, from), Date.now() + 60_000]);
    expect(await fail(1, address, from)).toEqual([true]);
    expect(await rl.checkSignIn(address, from)).toMatchObject({ ok: false, message: "Too many attempts, try again in 15 minutes." });
  });

  it("more failures while locked never push the end of the lock further away", async () => {
    const address = email("mallory-target");
    const from = ip();
    await lock(address, from);
    const key = rl.signInFailureKey(address, from);
    const lockedUntil = (await storedRow(key)).expire;
    expect(Number(lockedUntil)).toBeLessThanOrEqual(Date.now() + rl.SIGN_IN_FAILURE_WINDOW_SECONDS * 1000);
    expect(await fail(3, address, from)).toEqual([false, false, false]);
    expect((await storedRow(key)).expire).toBe(lockedUntil);
  });

  it("another address from the same IP, and the same address from another IP, are not locked", async () => {
    const address = email("bob");
    const from = ip();
    await lock(address, from);
    expect((await rl.checkSignIn(address, from)).ok).toBe(false);
    expect(await rl.checkSignIn(email("carol"), from)).toEqual({ ok: true });
    expect(await rl.checkSignIn(address, ip())).toEqual({ ok: true });
  });

  it("refuses the 21st sign-in attempt from one IP within a minute, whatever the accounts", async () => {
    const from = ip();
    const results = await Promise.all(
      Array.from({ length: rl.SIGN_IN_MAX_ATTEMPTS_PER_IP + 1 }, (_, i) => rl.checkSignIn(email(`spray${i}`), from)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(rl.SIGN_IN_MAX_ATTEMPTS_PER_IP);
    const refused = results.find((result) => !result.ok);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: expect.any(Number), message: "Too many attempts, try again in 1 minute." });
    if (!refused || refused.ok) return;
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(rl.SIGN_IN_IP_WINDOW_SECONDS);
    expect((await rl.checkSignIn(email("next"), from)).ok).toBe(false);
    expect((await rl.checkSignIn(email("elsewhere"), ip())).ok).toBe(true);
  });

  it("the lock lifts once its stored expire has passed, and counting starts afresh", async () => {
    const address = email("dave");
    const from = ip();
    await lock(address, from);
    expect((await rl.checkSignIn(address, from)).ok).toBe(false);

    const key = rl.signInFailureKey(address, from);
    expect(key).toMatch(/^signin-fail:[0-9a-f]{32}:10\.\d+\.\d+\.\d+$/);
    await sql.query("UPDATE rate_limits SET expire = 0 WHERE key = $1", [key]);

    expect(await rl.checkSignIn(address, from)).toEqual({ ok: true });
    expect(await rl.recordSignInFailure(address, from)).toMatchObject({ lockedNow: false });
    expect((await storedRow(key)).points).toBe(1);
  });

  it("a successful sign-in forgets the pair's failures", async () => {
    const address = email("erin");
    const from = ip();
    expect(await fail(4, address, from)).toEqual([false, false, false, false]);
    await rl.recordSignInSuccess(address, from);
    expect(await fail(4, address, from)).toEqual([false, false, false, false]);
    expect(await rl.checkSignIn(address, from)).toEqual({ ok: true });
  });

  it("clearSignInLocks lifts that address's locks on every IP, and no one else's", async () => {
    const address = email("frank");
    const other = email("grace");
    const [first, second] = [ip(), ip()];
    await lock(address, first);
    await lock(address, second);
    await lock(other, first);

    await rl.clearSignInLocks("%"); // a wildcard as the "email" matches nothing
    expect((await rl.checkSignIn(address, first)).ok).toBe(false);

    await rl.clearSignInLocks(address);
    expect(await rl.checkSignIn(address, first)).toEqual({ ok: true });
    expect(await rl.checkSignIn(address, second)).toEqual({ ok: true });
    expect((await rl.checkSignIn(other, first)).ok).toBe(false);
  });

  it("concurrent failures are all counted: five at once lock the pair, exactly one reports it", async () => {
    const address = email("heidi");
    const from = ip();
    const results = await Promise.all(Array.from({ length: rl.SIGN_IN_MAX_FAILURES }, () => rl.recordSignInFailure(address, from)));
    expect(results.filter((result) => result.lockedNow)).toHaveLength(1);
    expect((await rl.checkSignIn(address, from)).ok).toBe(false);
  });

  it(
    "two app instances (separate processes and pools) share the same counters",
    async () => {
      const address = email("ivan");
      const from = ip();
      expect(await fail(2, address, from)).toEqual([false, false]);

      const root = path.resolve(import.meta.dirname, "../..");
      const calls = [
        ...Array.from({ length: 3 }, () => ({ fn: "recordSignInFailure", email: address, ip: from })),
        { fn: "checkSignIn", email: address, ip: from },
      ];
      const { stdout } = await promisify(execFile)(
        path.join(root, "node_modules/.bin/tsx"),
        ["--conditions=react-server", "tests/integration/support/rate-limit-instance.ts", JSON.stringify(calls)],
        { cwd: root, env: { ...process.env, DATABASE_URL: database.url } },
      );
      const results = JSON.parse(stdout.trim().split("\n").at(-1)!);
      expect(results).toEqual([
        { lockedNow: false, pausedNow: false },
        { lockedNow: false, pausedNow: false },
        { lockedNow: true, pausedNow: false },
        { ok: false, retryAfterSeconds: expect.any(Number), message: "Too many attempts, try again in 15 minutes." },
      ]);
      expect((await rl.checkSignIn(address, from)).ok).toBe(false);
    },
    30_000,
  );
});

describe("email and registration limits", () => {
  it("three emails of a kind per address per hour: the fourth is refused, another address or kind is fine", async () => {
    const address = email("judy");
    for (let i = 0; i < rl.EMAIL_SEND_MAX_PER_ADDRESS; i++) {
      expect(await rl.checkEmailSend("password-reset", address, ip())).toEqual({ ok: true });
    }
    const refused = await rl.checkEmailSend("password-reset", address, ip());
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many attempts, try again in (59|60) minutes\.$/) });
    expect(await rl.checkEmailSend("password-reset", email("ken"), ip())).toEqual({ ok: true });
    expect(await rl.checkEmailSend("confirmation", address, ip())).toEqual({ ok: true });
  });

  it("ten emails of a kind per IP per hour, across addresses", async () => {
    const from = ip();
    for (let i = 0; i < rl.EMAIL_SEND_MAX_PER_IP; i++) {
      expect(await rl.checkEmailSend("sign-in-link", email("link"), from)).toEqual({ ok: true });
    }
    expect((await rl.checkEmailSend("sign-in-link", email("link"), from)).ok).toBe(false);
    expect(await rl.checkEmailSend("confirmation", email("link"), from)).toEqual({ ok: true });
  });

  it("ten registrations per IP per hour", async () => {
    const from = ip();
    for (let i = 0; i < rl.REGISTRATION_MAX_PER_IP; i++) expect(await rl.checkRegistration(from)).toEqual({ ok: true });
    expect((await rl.checkRegistration(from)).ok).toBe(false);
    expect(await rl.checkRegistration(ip())).toEqual({ ok: true });
  });

  it("IPs that are not plain addresses are hashed into the key", async () => {
    const odd = `x-forwarded%_${"a".repeat(300)}`;
    expect(await rl.checkRegistration(odd)).toEqual({ ok: true });
    const { rows } = await sql.query<{ key: string }>("SELECT key FROM rate_limits WHERE key LIKE 'register-ip:~%'");
    expect(rows).toHaveLength(1);
    expect(rows[0].key).toMatch(/^register-ip:~[0-9a-f]{32}$/);
  });
});

describe("when the counters cannot be reached", () => {
  it("every check fails open and logs the error", async () => {
    const saved = { store: globals.rateLimitStore, url: process.env.DATABASE_URL };
    globals.rateLimitStore = undefined;
    process.env.DATABASE_URL = "postgresql://nobody@127.0.0.1:1/nothing";
    vi.resetModules();
    const down = await import("@/lib/rate-limit");
    const { log } = await import("@/lib/log");
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    try {
      expect(await down.checkSignIn("a@x.test", "192.0.2.1")).toEqual({ ok: true });
      expect(await down.recordSignInFailure("a@x.test", "192.0.2.1")).toMatchObject({ lockedNow: false });
      await expect(down.recordSignInSuccess("a@x.test", "192.0.2.1")).resolves.toBeUndefined();
      await expect(down.clearSignInLocks("a@x.test")).resolves.toBeUndefined();
      expect(await down.checkEmailSend("confirmation", "a@x.test", "192.0.2.1")).toEqual({ ok: true });
      expect(await down.checkRegistration("192.0.2.1")).toEqual({ ok: true });
      expect(logged).toHaveBeenCalledTimes(6);
      expect(logged.mock.calls[0][0]).toMatchObject({ operation: "checkSignIn" });
      expect(String(logged.mock.calls[0][1])).toMatch(/^rate-limit: could not use the counters/);
    } finally {
      await down.rateLimitPool().end();
      logged.mockRestore();
      globals.rateLimitStore = saved.store;
      process.env.DATABASE_URL = saved.url;
    }
  });
});

describe("retryMessage", () => {
  it("rounds up to whole minutes, at least one, singular for one", () => {
    expect(rl.retryMessage(0)).toBe("Too many attempts, try again in 1 minute.");
    expect(rl.retryMessage(60)).toBe("Too many attempts, try again in 1 minute.");
    expect(rl.retryMessage(61)).toBe("Too many attempts, try again in 2 minutes.");
    expect(rl.retryMessage(15 * 60)).toBe("Too many attempts, try again in 15 minutes.");
  });
});
