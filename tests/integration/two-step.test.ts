import { beforeAll, describe, expect, it } from "vitest";
import { generateHOTP } from "@oslojs/otp";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: a code or a recovery code used by two requests at once passes only once.
withTestDatabase();
let db: typeof import("@/lib/db");
let totp: typeof import("@/lib/auth/totp");
let recovery: typeof import("@/lib/auth/recovery-codes");
let box: typeof import("@/lib/auth/secret-box");

beforeAll(async () => {
  db = await import("@/lib/db");
  totp = await import("@/lib/auth/totp");
  recovery = await import("@/lib/auth/recovery-codes");
  box = await import("@/lib/auth/secret-box");
});

let sequence = 0;
async function userWithTotp() {
  const key = new Uint8Array(20).map(() => Math.floor(Math.random() * 256));
  const user = await db.db.user.create({
    data: { email: `two-step-${++sequence}@x.test`, totpSecret: box.seal("totp", key), totpEnabledAt: new Date() },
  });
  return { userId: user.id, key };
}

describe("two-step codes on real PostgreSQL", () => {
  it("accepts a TOTP code once, even when it arrives twice at the same moment", async () => {
    const { userId, key } = await userWithTotp();
    const code = generateHOTP(key, BigInt(totp.totpStep()), 6);
    const results = await Promise.all(Array.from({ length: 5 }, () => totp.verifyTotp(userId, code)));
    expect(results.filter(Boolean)).toHaveLength(1);
    // An older step is refused once a newer one was used.
    const previous = generateHOTP(key, BigInt(totp.totpStep() - 1), 6);
    if (previous !== code) expect(await totp.verifyTotp(userId, previous)).toBe(false);
  });

  it("setup is confirmed by a right code only, and makes ten recovery codes stored as hashes", async () => {
    const user = await db.db.user.create({ data: { email: `setup-${++sequence}@x.test` } });
    expect(await totp.beginTotpSetup(user.id)).toBe("started");
    const setup = await totp.totpSetupInProgress(user.id);
    expect(setup?.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup?.qrSvg).toContain("<svg");
    const stored = await db.db.user.findUniqueOrThrow({ where: { id: user.id } });
    const key = box.open("totp", stored.totpSecret!)!;
    expect(await totp.confirmTotpSetup(user.id, "not a code")).toEqual({ status: "wrong-code" });
    const confirmed = await totp.confirmTotpSetup(user.id, generateHOTP(key, BigInt(totp.totpStep()), 6));
    expect(confirmed.status).toBe("enabled");
    const codes = confirmed.status === "enabled" ? confirmed.recoveryCodes : [];
    expect(codes).toHaveLength(10);
    const rows = await db.db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(rows.map((row) => row.codeHash)).not.toContain(codes[0]);
    expect(await totp.beginTotpSetup(user.id)).toBe("already-on");
  });

  it("spends a recovery code once, under concurrency", async () => {
    const { userId } = await userWithTotp();
    const [code] = await recovery.replaceRecoveryCodes(userId);
    const results = await Promise.all(Array.from({ length: 5 }, () => recovery.spendRecoveryCode(userId, code)));
    expect(results.filter(Boolean)).toHaveLength(1);
    // Another user's code never works here.
    const other = await userWithTotp();
    const [foreign] = await recovery.replaceRecoveryCodes(other.userId);
    expect(await recovery.spendRecoveryCode(userId, foreign)).toBe(false);
  });

  it("turning TOTP off removes the key, the codes and any waiting second step", async () => {
    const { userId } = await userWithTotp();
    await recovery.replaceRecoveryCodes(userId);
    await db.db.pendingSignIn.create({ data: { tokenHash: `pending-${sequence}`, userId, method: "password", expiresAt: new Date(Date.now() + 60_000) } });
    await totp.disableTotp(userId);
    const user = await db.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.totpSecret).toBeNull();
    expect(user.totpEnabledAt).toBeNull();
    expect(await db.db.recoveryCode.count({ where: { userId } })).toBe(0);
    expect(await db.db.pendingSignIn.count({ where: { userId } })).toBe(0);
  });
});
