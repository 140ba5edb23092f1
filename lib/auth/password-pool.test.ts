import { afterAll, describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { performance } from "node:perf_hooks";
import { createBcryptPool, PasswordHasherBusyError } from "./password-pool";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password";

/**
 * How free the event loop stayed while `work` ran: its utilisation (the share of wall time it was
 * busy rather than waiting for events: ~1.0 when bcrypt runs on it) and the median gap between
 * two setImmediate turns (~100 ms with bcryptjs's own async API, which runs 100 ms slices).
 * Both hold on a loaded machine, where a thread descheduled by the OS makes a maximum gap
 * meaningless.
 */
async function loopWhile<T>(work: () => Promise<T>): Promise<{ result: T; utilization: number; medianGapMs: number }> {
  const before = performance.eventLoopUtilization();
  const result = await work();
  const { utilization } = performance.eventLoopUtilization(before);
  let done = false;
  const gaps: number[] = [];
  let last = performance.now();
  const ticking = new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
      if (done) resolve();
      else setImmediate(tick);
    };
    setImmediate(tick);
  });
  await work();
  done = true;
  await ticking;
  gaps.sort((a, b) => a - b);
  return { result, utilization, medianGapMs: gaps[Math.floor(gaps.length / 2)] };
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

  it("keeps the event loop free while hashes run", async () => {
    // Cost 12: ~0.4 s of CPU each here, on the worker.
    const { result, utilization, medianGapMs } = await loopWhile(() => Promise.all([pool.hash("a", 12), pool.hash("b", 12)]));
    expect(result).toHaveLength(2);
    expect(utilization).toBeLessThan(0.5);
    expect(medianGapMs).toBeLessThan(10);
  });

  it("refuses work quickly when the queue is full, and recovers", async () => {
    const running = pool.hash("running", 12);
    const queued = [pool.hash("queued 1", 12), pool.hash("queued 2", 12)];
    // Refused before the running hash (~0.4 s) ends: it does not wait for a thread.
    const first = await Promise.race([pool.hash("one too many", 12).catch((error: unknown) => error), running.then(() => "a hash finished first")]);
    expect(first).toBeInstanceOf(PasswordHasherBusyError);
    await Promise.all([running, ...queued]);
    expect(bcrypt.getRounds(await pool.hash("after", 10))).toBe(10);
  });
});

describe("password hashing through the process pool", () => {
  it("round-trips, and keeps the event loop free", async () => {
    const { result: hash, utilization } = await loopWhile(() => hashPassword("correct horse battery staple"));
    expect(utilization).toBeLessThan(0.5);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyAgainstDummy("correct horse battery staple")).toBe(false);
  });
});
