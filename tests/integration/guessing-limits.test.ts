import { createHash, randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: the limits on guessing a password or a second-step code hold against an
// attacker who rotates addresses inside an IPv6 /64, spreads guesses over many IPs, or fires many
// codes at once. The second step reads its cookie through next/headers, held here; mail goes out
// through Next's `after`, held here too.
let pendingCookie: string | undefined;
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "vitest" }),
  // The value is read when cookies() is called, as a request's cookies are fixed when it arrives.
  cookies: async () => {
    const value = pendingCookie;
    return {
      get: () => (value ? { value } : undefined),
      set: (_name: string, next: string) => void (pendingCookie = next),
      delete: () => void (pendingCookie = undefined),
    };
  },
}));
const afterResponse: Array<() => unknown> = [];
vi.mock("next/server", () => ({ after: (task: () => unknown) => void afterResponse.push(task) }));

withTestDatabase();
let db: typeof import("@/lib/db");
let rl: typeof import("@/lib/rate-limit");
let account: typeof import("@/lib/auth/account");
let signIn: typeof import("@/lib/auth/password-sign-in");
let twoStep: typeof import("@/lib/auth/two-step");
let emailFlows: typeof import("@/lib/auth/email-flows");
let tokens: typeof import("@/lib/tokens");
let box: typeof import("@/lib/auth/secret-box");

beforeAll(async () => {
  db = await import("@/lib/db");
  rl = await import("@/lib/rate-limit");
  account = await import("@/lib/auth/account");
  signIn = await import("@/lib/auth/password-sign-in");
  twoStep = await import("@/lib/auth/two-step");
  emailFlows = await import("@/lib/auth/email-flows");
  tokens = await import("@/lib/tokens");
  box = await import("@/lib/auth/secret-box");
});

beforeEach(() => {
  pendingCookie = undefined;
  afterResponse.length = 0;
});

const PASSWORD = "correct horse battery staple";
const WRONG = "wrong horse battery staple";
const NEW_PASSWORD = "violet kettle orbit lantern";
/** NIST SP 800-63B 5.2.2: at most 100 consecutive failures per account (rl.ACCOUNT_MAX_PASSWORD_FAILURES). */
const PAUSE_AFTER = 100;

let sequence = 0;
async function user(tag: string) {
  const email = `${tag}-${++sequence}@x.test`;
  const created = await account.registerUser({ name: "Test", email, password: PASSWORD });
  if (created.status !== "created") throw new Error("expected a new user");
  return { email, userId: created.userId };
}
/** A fresh IPv4 address per call, so no per-IP or email+IP counter is shared by accident. */
function nextIp() {
  const n = ++sequence;
  return `10.66.${(n >> 8) & 255}.${n & 255}`;
}

describe("an IPv6 /64 is one client", () => {
  it("failures from 2001:db8::1, ::2, ::3… of one /64 lock the email+IP pair for the whole /64", async () => {
    const { email } = await user("v6");
    for (let i = 1; i <= rl.SIGN_IN_MAX_FAILURES; i++) {
      expect(await signIn.attemptPasswordSignIn(email, WRONG, { ip: `2001:db8::${i.toString(16)}` })).toEqual({ status: "invalid" });
    }
    // The right password from yet another address of the same /64 is refused, in any written form.
    for (const ip of ["2001:db8::99", "2001:0DB8:0:0:ffff::1", "2001:db8::7%eth0"]) {
      expect(await signIn.attemptPasswordSignIn(email, PASSWORD, { ip })).toMatchObject({ status: "limited", message: expect.stringMatching(/^Too many attempts/) });
    }
    // Control: another /64 is another client.
    expect(await signIn.attemptPasswordSignIn(email, PASSWORD, { ip: "2001:db8:0:1::1" })).toMatchObject({ status: "ok" });
  });

  it("the per-IP attempt limit counts the whole /64 too, and an IPv4-mapped address as its IPv4 address", async () => {
    const results = [];
    for (let i = 0; i <= rl.SIGN_IN_MAX_ATTEMPTS_PER_IP; i++) results.push((await rl.checkSignIn(`spray${i}-${++sequence}@x.test`, `2001:db8:aa:bb:${i.toString(16)}::1`)).ok);
    expect(results.slice(0, rl.SIGN_IN_MAX_ATTEMPTS_PER_IP).every(Boolean)).toBe(true);
    expect(results.at(-1)).toBe(false);

    const { email } = await user("mapped");
    for (let i = 0; i < rl.SIGN_IN_MAX_FAILURES; i++) await rl.recordSignInFailure(email, "192.0.2.44");
    expect((await rl.checkSignIn(email, "::ffff:192.0.2.44")).ok).toBe(false);
    expect((await rl.checkSignIn(email, "::FFFF:c000:022c")).ok).toBe(false);
  });
});

describe("per account, across all addresses", () => {
  async function failFromManyIps(email: string, failures: number) {
    // A few at a time: bcrypt runs on a small pool, and the order does not matter.
    for (let start = 0; start < failures; start += 10) {
      const batch = Array.from({ length: Math.min(10, failures - start) }, () => signIn.attemptPasswordSignIn(email, WRONG, { ip: nextIp() }));
      for (const result of await Promise.all(batch)) expect(result).toEqual({ status: "invalid" });
    }
  }

  it(
    `${PAUSE_AFTER} failures spread over ${PAUSE_AFTER} IPs pause password sign-in, even with the right password from a new IP; a reset lifts it`,
    async () => {
      const { email, userId } = await user("paused");
      await failFromManyIps(email, PAUSE_AFTER);

      // The same answer for the right and a wrong password: it tells nothing about either.
      const right = await signIn.attemptPasswordSignIn(email, PASSWORD, { ip: nextIp() });
      const wrong = await signIn.attemptPasswordSignIn(email, WRONG, { ip: nextIp() });
      expect(right).toMatchObject({ status: "limited", message: expect.stringMatching(/^Too many attempts, try again in 24 hours\./) });
      expect(wrong).toEqual(right);
      // The current-password checks of a signed-in session are paused as well.
      expect(await account.checkCurrentPassword(userId, PASSWORD, nextIp())).toEqual(right);
      // The owner's timeline says when it started, once.
      const lockedOut = await db.db.securityEvent.findMany({ where: { userId, type: "LOCKED_OUT" } });
      expect(lockedOut).toHaveLength(1);
      expect(lockedOut[0].detail).toEqual({ scope: "account" });

      // The other ways in do not consult the pause: a sign-in link (and its mail budget), a passkey.
      const ip = nextIp();
      expect(await rl.checkEmailSend("sign-in-link", email, ip)).toEqual({ ok: true });
      expect(await rl.checkPasskeySignIn(ip)).toEqual({ ok: true });

      // A password reset lifts it.
      const token = await tokens.issueToken(userId, "PASSWORD_RESET", email);
      expect(await emailFlows.resetPassword(token, NEW_PASSWORD, { ip })).toEqual({ status: "reset", email });
      expect(await signIn.attemptPasswordSignIn(email, NEW_PASSWORD, { ip: nextIp() })).toEqual({ status: "ok", userId, secondStep: false });
      expect(rl.ACCOUNT_MAX_PASSWORD_FAILURES).toBe(PAUSE_AFTER);
    },
    180_000,
  );

  it(
    "control: 99 failures do not pause it, and the right password then starts a new run",
    async () => {
      const { email, userId } = await user("not-paused");
      // The counting is the same as above; straight to the counters to keep the test short.
      for (let i = 0; i < PAUSE_AFTER - 1; i++) await rl.recordSignInFailure(email, nextIp());
      expect(await signIn.attemptPasswordSignIn(email, PASSWORD, { ip: nextIp() })).toEqual({ status: "ok", userId, secondStep: false });
      expect(await signIn.attemptPasswordSignIn(email, WRONG, { ip: nextIp() })).toEqual({ status: "invalid" });
      expect(await signIn.attemptPasswordSignIn(email, PASSWORD, { ip: nextIp() })).toMatchObject({ status: "ok" });
      expect(await db.db.securityEvent.count({ where: { userId, type: "LOCKED_OUT" } })).toBe(0);
    },
  );

  it("an unknown address pauses after as many failures, with the same answer", async () => {
    const email = `nobody-${++sequence}@x.test`;
    for (let i = 0; i < PAUSE_AFTER; i++) await rl.recordSignInFailure(email, nextIp());
    const known = await user("known");
    for (let i = 0; i < PAUSE_AFTER; i++) await rl.recordSignInFailure(known.email, nextIp());
    const unknownAnswer = await signIn.attemptPasswordSignIn(email, PASSWORD, { ip: nextIp() });
    const knownAnswer = await signIn.attemptPasswordSignIn(known.email, PASSWORD, { ip: nextIp() });
    expect(unknownAnswer).toMatchObject({ status: "limited" });
    expect(unknownAnswer).toEqual(knownAnswer);
  });

  it("an emailed link's second step still works while the password path is paused", async () => {
    const { email, userId, key } = await userWithTotp();
    for (let i = 0; i < PAUSE_AFTER; i++) await rl.recordSignInFailure(email, nextIp());
    expect(await signIn.attemptPasswordSignIn(email, PASSWORD, { ip: nextIp() })).toMatchObject({ status: "limited" });
    await pendingStep(userId, "email");
    const { generateHOTP } = await import("@oslojs/otp");
    const code = generateHOTP(key, BigInt((await import("@/lib/auth/totp")).totpStep()), 6);
    expect(await twoStep.completeSecondStep("totp", code, { ip: nextIp() })).toMatchObject({ status: "ok" });
  });
});

async function userWithTotp() {
  const { email, userId } = await user("totp");
  const key = new Uint8Array(randomBytes(20));
  await db.db.user.update({ where: { id: userId }, data: { totpSecret: box.seal("totp", key), totpEnabledAt: new Date() } });
  return { email, userId, key };
}

/** A sign-in waiting for its second step, bound to the held cookie. */
async function pendingStep(userId: string, method = "password") {
  pendingCookie = randomBytes(32).toString("base64url");
  return db.db.pendingSignIn.create({
    data: {
      tokenHash: createHash("sha256").update(pendingCookie).digest("hex"),
      userId,
      method,
      expiresAt: new Date(Date.now() + twoStep.PENDING_SIGN_IN_MS),
    },
  });
}

describe("the second step under parallel posts", () => {
  it("20 wrong codes fired at once at one pending step: at most PENDING_MAX_ATTEMPTS are checked", async () => {
    const { userId } = await userWithTotp();
    const pending = await pendingStep(userId);
    const posts = Array.from({ length: 20 }, () => twoStep.completeSecondStep("totp", "000000", { ip: nextIp() }));
    const results = await Promise.all(posts);
    const checked = await db.db.securityEvent.count({ where: { userId, type: "SECOND_STEP_FAILED" } });
    expect(checked).toBeLessThanOrEqual(twoStep.PENDING_MAX_ATTEMPTS);
    expect(results.filter((result) => result.status === "wrong").length).toBeLessThan(twoStep.PENDING_MAX_ATTEMPTS);
    // The step is used up: none of its tries is left.
    const row = await db.db.pendingSignIn.findUnique({ where: { id: pending.id } });
    expect(row === null || row.attempts >= twoStep.PENDING_MAX_ATTEMPTS).toBe(true);
  });

  it("the account's cap on wrong codes holds across many steps fired at once", async () => {
    const { userId } = await userWithTotp();
    // Three browsers' steps (5 tries each), all at once: 15 tries, but the account allows fewer.
    const cookies = [];
    for (let i = 0; i < 3; i++) {
      await pendingStep(userId);
      cookies.push(pendingCookie);
    }
    const posts = cookies.flatMap((cookie) =>
      Array.from({ length: twoStep.PENDING_MAX_ATTEMPTS }, async () => {
        // Each post reads its own browser's cookie (the held cookie is read first thing).
        pendingCookie = cookie;
        return twoStep.completeSecondStep("totp", "000000", { ip: nextIp() });
      }),
    );
    await Promise.all(posts);
    const checked = await db.db.securityEvent.count({ where: { userId, type: "SECOND_STEP_FAILED" } });
    expect(checked).toBeLessThanOrEqual(rl.SECOND_STEP_MAX_FAILURES_PER_ACCOUNT);
  });
});
