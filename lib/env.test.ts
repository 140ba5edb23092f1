import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { BCRYPT_QUEUE_PER_THREAD, parseEnv } from "./env";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://u:p@localhost:5432/db",
  AUTH_SECRET: "q0Zk3u9VbX1mT7rLw2YcN8pHs5fJd4Ae6GiKoRtUvMy",
  AUTH_URL: "https://accounts.example.com",
  SMTP_URL: "smtp://localhost:25",
};

describe("configuration", () => {
  it("accepts a complete production configuration", () => {
    const env = parseEnv(production);
    expect(env.BCRYPT_COST).toBe(12);
    expect(env.TRUST_PROXY).toBe(0);
    expect(env.BCRYPT_THREADS).toBe(Math.max(1, os.availableParallelism() - 1));
    expect(env.BCRYPT_QUEUE).toBe(env.BCRYPT_THREADS * BCRYPT_QUEUE_PER_THREAD);
  });

  it("sizes the bcrypt pool from BCRYPT_THREADS and BCRYPT_QUEUE", () => {
    expect(parseEnv({ ...production, BCRYPT_THREADS: "3" })).toMatchObject({ BCRYPT_THREADS: 3, BCRYPT_QUEUE: 3 * BCRYPT_QUEUE_PER_THREAD });
    expect(parseEnv({ ...production, BCRYPT_THREADS: "1", BCRYPT_QUEUE: "5" })).toMatchObject({ BCRYPT_THREADS: 1, BCRYPT_QUEUE: 5 });
  });

  it.each([
    ["AUTH_SECRET", { AUTH_SECRET: undefined }, /AUTH_SECRET is required in production/],
    ["AUTH_SECRET", { AUTH_SECRET: "short" }, /AUTH_SECRET must be at least 32 bytes/],
    ["SMTP_URL", { SMTP_URL: "" }, /SMTP_URL is required in production/],
    ["DATABASE_URL", { DATABASE_URL: "mysql://x" }, /DATABASE_URL must be a postgresql:\/\/ URL/],
    ["BCRYPT_COST", { BCRYPT_COST: "4" }, /BCRYPT_COST must be at least 10/],
    ["AUTH_URL", { AUTH_URL: "accounts.example.com" }, /AUTH_URL/],
    ["BCRYPT_THREADS", { BCRYPT_THREADS: "0" }, /BCRYPT_THREADS must be at least 1/],
    ["BCRYPT_QUEUE", { BCRYPT_QUEUE: "0" }, /BCRYPT_QUEUE must be at least 1/],
  ])("names %s when it is wrong", (_name, change, message) => {
    expect(() => parseEnv({ ...production, ...change })).toThrow(message);
  });

  it("refuses the example configurations' placeholder as AUTH_SECRET in production, naming it", () => {
    const example = fs.readFileSync(path.join(import.meta.dirname, "..", "deploy", "accounts.env.example"), "utf8");
    const placeholder = /^AUTH_SECRET=(.*)$/m.exec(example)![1];
    // 32 bytes: the length rule alone lets it through.
    expect(Buffer.byteLength(placeholder)).toBeGreaterThanOrEqual(32);
    for (const secret of [placeholder, ` ${placeholder}`, "a".repeat(40), "my-super-secret-key-for-production-0123456789"]) {
      expect(() => parseEnv({ ...production, AUTH_SECRET: secret }), secret).toThrow(/AUTH_SECRET is a placeholder/);
    }
    // Control: random bytes pass.
    expect(parseEnv({ ...production, AUTH_SECRET: randomBytes(32).toString("base64") }).NODE_ENV).toBe("production");
  });

  it("needs only DATABASE_URL in development", () => {
    const env = parseEnv({ NODE_ENV: "development", DATABASE_URL: "postgresql://localhost/db" });
    expect(env.AUTH_URL).toBe("http://localhost:3000");
    expect(env.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });
});
