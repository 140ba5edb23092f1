import { afterAll, describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { createBcryptPool, PasswordHasherBusyError } from "./password-pool";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password";

/** The longest time the event loop went without a turn while `work` ran (setImmediate gaps). */
async function longestStall<T>(work: Promise<T>): Promise<{ result: T; stallMs: number; turns: number }> {
  let done = false;
  let stallMs = 0;
  let turns = 0;
  let last = performance.now();
  const ticking = new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      stallMs = Math.max(stallMs, now - last);
      last = now;
      turns += 1;
      if (done) resolve();
      else setImmediate(tick);
    };
    setImmediate(tick);
  });
  const result = await work;
  done = true;
  await ticking;
  return { result, stallMs, turns };
}

describe("bcrypt worker pool", () => {
  const pool = createBcryptPool({ threads: 1, queueLimit: 2 });
  afterAll(() => pool.close());

  it("hashes and verifies on a worker thread, compatible with bcryptjs", async () => {
    const hash = await pool.hash("secret", 10);
    expect(bcrypt.getRounds(hash)).toBe(10);
    expect(await pool.compare("secret", hash)).toBe(true);
    expect(await pool.compare("secret!", hash)).toBe(false);
    expect(await pool.compare("secret", bcrypt.hashSync("secret", 10))).toBe(true);
  });

  it("keeps the event loop responsive while hashes run", async () => {
    // Cost 12: ~0.4 s of CPU each here. bcryptjs's own async API would hold the loop for slices
    // of up to 100 ms; on the worker the loop keeps turning.
    const { result, stallMs, turns } = await longestStall(Promise.all([pool.hash("a", 12), pool.hash("b", 12)]));
    expect(result).toHaveLength(2);
    expect(turns).toBeGreaterThan(100);
    expect(stallMs).toBeLessThan(100);
  });

  it("refuses work quickly when the queue is full, and recovers", async () => {
    const running = pool.hash("running", 12);
    const queued = [pool.hash("queued 1", 12), pool.hash("queued 2", 12)];
    const started = performance.now();
    await expect(pool.hash("one too many", 12)).rejects.toBeInstanceOf(PasswordHasherBusyError);
    expect(performance.now() - started).toBeLessThan(50);
    await Promise.all([running, ...queued]);
    expect(bcrypt.getRounds(await pool.hash("after", 10))).toBe(10);
  });
});

describe("password hashing through the process pool", () => {
  it("round-trips, and keeps the event loop free", async () => {
    const { result: hash, stallMs } = await longestStall(hashPassword("correct horse battery staple"));
    expect(stallMs).toBeLessThan(100);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyAgainstDummy("correct horse battery staple")).toBe(false);
  });
});
