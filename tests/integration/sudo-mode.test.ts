import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { generateHOTP } from "@oslojs/otp";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: sudo mode on /account/security. The attack: someone holding a stolen session
// cookie (not the password) adds their own passkey, turns on their own authenticator app or makes
// new recovery codes. Every action is called as the browser would post it, with no password or a
// wrong one; Next's request APIs are stand-ins holding a cookie jar; the rest is real.
const jar = new Map<string, string>();
let ip = "10.66.0.1";
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "vitest", "x-accounts-path": "/account/security", "x-accounts-socket-ip": ip }),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (options: string | { name: string }) => void jar.delete(typeof options === "string" ? options : options.name),
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  forbidden: () => {
    throw new Error("FORBIDDEN");
  },
}));
vi.mock("next/server", () => ({ after: () => {} }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

withTestDatabase();
let db: typeof import("@/lib/db");
let account: typeof import("@/lib/auth/account");
let sessions: typeof import("@/lib/auth/sessions");
let sessionModule: typeof import("@/lib/auth/session");
let signIn: typeof import("@/lib/auth/sign-in");
let cookies: typeof import("@/lib/auth/cookies");
let box: typeof import("@/lib/auth/secret-box");
let totp: typeof import("@/lib/auth/totp");
let recovery: typeof import("@/lib/auth/recovery-codes");
let rl: typeof import("@/lib/rate-limit");
let policy: typeof import("@/lib/auth/session-policy");
let messages: typeof import("@/lib/auth/messages");
let security: typeof import("@/app/account/security/actions");
let passkeyActions: typeof import("@/app/account/security/passkey-actions");

beforeAll(async () => {
  db = await import("@/lib/db");
  account = await import("@/lib/auth/account");
  sessions = await import("@/lib/auth/sessions");
  sessionModule = await import("@/lib/auth/session");
  signIn = await import("@/lib/auth/sign-in");
  cookies = await import("@/lib/auth/cookies");
  box = await import("@/lib/auth/secret-box");
  totp = await import("@/lib/auth/totp");
  recovery = await import("@/lib/auth/recovery-codes");
  rl = await import("@/lib/rate-limit");
  policy = await import("@/lib/auth/session-policy");
  messages = await import("@/lib/auth/messages");
  security = await import("@/app/account/security/actions");
  passkeyActions = await import("@/app/account/security/passkey-actions");
});

const PASSWORD = "correct horse battery staple";
let sequence = 0;
beforeEach(() => {
  jar.clear();
  ip = `10.66.${(++sequence >> 8) & 255}.${sequence & 255}`;
});

/** A user with a password, freshly signed in (the fresh sign-in is the point: it must not count). */
async function signedIn({ password = true } = {}) {
  const email = `sudo-${++sequence}@x.test`;
  let userId: string;
  if (password) {
    const created = await account.registerUser({ name: "Sudo", email, password: PASSWORD });
    if (created.status !== "created") throw new Error("expected a new user");
    userId = created.userId;
  } else {
    userId = (await db.db.user.create({ data: { email, emailVerified: new Date() } })).id;
  }
  await signIn.startSession(userId, false, "password");
  const token = jar.get(cookies.sessionCookieName())!;
  const sessionId = (await sessions.findSession(token))!.id;
  return { email, userId, sessionId };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const totpAction = (fields: Record<string, string>) => security.totpAction({ status: "idle" }, form(fields));

async function user(userId: string) {
  return db.db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
}
const registrationChallenges = (userId: string) => db.db.webAuthnChallenge.count({ where: { userId, purpose: "register" } });
const codeHashes = async (userId: string) => (await db.db.recoveryCode.findMany({ where: { userId }, select: { codeHash: true } })).map((row) => row.codeHash).sort();

/** Turns the authenticator app on directly (as if set up earlier), returning the key. */
async function withTotp(userId: string) {
  const key = new Uint8Array(20).map(() => Math.floor(Math.random() * 256));
  await db.db.user.update({ where: { id: userId }, data: { totpSecret: box.seal("totp", key), totpEnabledAt: new Date() } });
  await recovery.replaceRecoveryCodes(userId);
  return key;
}

const stepCode = (key: Uint8Array) => generateHOTP(key, BigInt(totp.totpStep()), 6);

describe("a session that has not confirmed the password (a fresh sign-in, or a stolen cookie)", () => {
  it("cannot start the app setup, turn it on, add a passkey or make recovery codes, and sees no secret", async () => {
    const { userId } = await signedIn();
    const begin = await totpAction({ intent: "begin" });
    expect(begin).toMatchObject({ status: "error", fieldErrors: { password: messages.SUDO_PASSWORD_REQUIRED } });
    expect((await user(userId)).totpSecret).toBeNull();

    // Step two posted directly, with a right code for a setup that exists (made behind the UI's back).
    const key = new Uint8Array(20).fill(7);
    await db.db.user.update({ where: { id: userId }, data: { totpSecret: box.seal("totp", key) } });
    expect(await totpAction({ intent: "confirm", code: stepCode(key) })).toEqual({ status: "error", message: messages.SUDO_EXPIRED });
    expect((await user(userId)).totpEnabledAt).toBeNull();

    const options = await passkeyActions.passkeyRegistrationOptionsAction({ name: "Attacker's key" });
    expect(options).toEqual({ status: "error", fieldErrors: { password: messages.SUDO_PASSWORD_REQUIRED } });
    expect(JSON.stringify(options)).not.toContain("challenge");
    expect(await registrationChallenges(userId)).toBe(0);
    // Step two of "Add a passkey", posted without step one: refused before anything is verified.
    expect(await passkeyActions.addPasskeyAction({ name: "Attacker's key", response: {} })).toEqual({ status: "error", message: messages.SUDO_EXPIRED });

    await withTotp(userId);
    const hashes = await codeHashes(userId);
    const regenerate = await totpAction({ intent: "regenerate" });
    expect(regenerate).toMatchObject({ status: "error", fieldErrors: { password: messages.SUDO_PASSWORD_REQUIRED } });
    expect(regenerate).not.toHaveProperty("recoveryCodes");
    expect(await codeHashes(userId)).toEqual(hashes);
  });

  it("a wrong password reveals nothing and counts toward the sign-in lockout", async () => {
    const { userId, email } = await signedIn();
    const wrong = "wrong horse battery staple";
    for (let i = 0; i < rl.SIGN_IN_MAX_FAILURES; i++) {
      // Alternating forms: the failures add up per email+IP wherever they are made.
      const answer =
        i % 2 === 0
          ? await totpAction({ intent: "begin", password: wrong })
          : await passkeyActions.passkeyRegistrationOptionsAction({ name: "Key", password: wrong });
      expect(answer).toMatchObject({ status: "error", fieldErrors: { password: messages.SUDO_WRONG_PASSWORD } });
    }
    expect((await user(userId)).totpSecret).toBeNull();
    expect(await registrationChallenges(userId)).toBe(0);
    // Locked: the right password is refused here and at /login from this address.
    const locked = { status: "error", message: rl.retryMessage(rl.SIGN_IN_FAILURE_WINDOW_SECONDS) };
    expect(await totpAction({ intent: "begin", password: PASSWORD })).toMatchObject(locked);
    expect((await user(userId)).totpSecret).toBeNull();
    expect((await rl.checkSignIn(email, ip)).ok).toBe(false);
  });

  it("an account without a password cannot pass, and is told how to get one", async () => {
    const { userId } = await signedIn({ password: false });
    expect(await totpAction({ intent: "begin", password: "anything at all" })).toMatchObject({ status: "error", message: messages.SUDO_NO_PASSWORD });
    expect(await passkeyActions.passkeyRegistrationOptionsAction({ name: "Key" })).toMatchObject({ message: messages.SUDO_NO_PASSWORD });
    expect((await user(userId)).totpSecret).toBeNull();
  });
});

describe("after the right password", () => {
  it("this session may change its factors for 10 minutes without the password again; then it is asked again", async () => {
    const { userId, sessionId } = await signedIn();
    // Another session of the same account (the owner's other device, or a thief's) gains nothing.
    const other = await sessions.createSession(userId, false, { ip, userAgent: "vitest", method: "password" });

    expect(await totpAction({ intent: "begin", password: PASSWORD })).toEqual({ status: "idle" });
    const setup = await totp.totpSetupInProgress(userId);
    expect(setup).not.toBeNull();
    const key = box.open("totp", (await user(userId)).totpSecret!)!;
    const on = await totpAction({ intent: "confirm", code: stepCode(key) });
    expect(on).toMatchObject({ status: "success", message: "Two-step sign-in is on." });
    expect(on.recoveryCodes).toHaveLength(10);
    const regenerated = await totpAction({ intent: "regenerate" });
    expect(regenerated.recoveryCodes).toHaveLength(10);
    const options = await passkeyActions.passkeyRegistrationOptionsAction({ name: "My key" });
    expect(options.status).toBe("ok");
    expect(await registrationChallenges(userId)).toBe(1);

    const otherRow = await db.db.session.findUniqueOrThrow({ where: { sessionToken: sessions.hashSessionToken(other.token) } });
    expect(otherRow.reauthenticatedAt).toBeNull();

    // The window is one constant: just inside it still holds, just past it does not.
    const move = (ms: number) => db.db.session.update({ where: { id: sessionId }, data: { reauthenticatedAt: new Date(Date.now() - ms) } });
    await move(policy.SUDO_MODE_MS - 5_000);
    expect((await totpAction({ intent: "regenerate" })).status).toBe("success");
    await move(policy.SUDO_MODE_MS + 1_000);
    const hashes = await codeHashes(userId);
    expect(await totpAction({ intent: "regenerate" })).toMatchObject({ fieldErrors: { password: messages.SUDO_PASSWORD_REQUIRED } });
    expect(await codeHashes(userId)).toEqual(hashes);
    expect(await passkeyActions.passkeyRegistrationOptionsAction({ name: "My key" })).toMatchObject({ status: "error" });
    expect(await passkeyActions.addPasskeyAction({ name: "My key", response: {} })).toEqual({ status: "error", message: messages.SUDO_EXPIRED });
    // Signing in again does not count either: a new session starts outside sudo mode.
    await signIn.startSession(userId, false, "password", "totp");
    expect(await totpAction({ intent: "regenerate" })).toMatchObject({ fieldErrors: { password: messages.SUDO_PASSWORD_REQUIRED } });
  });

  it("the old re-authentication helper is gone: sudo mode is the one rule", () => {
    expect(Object.keys(sessionModule)).not.toContain("requireRecentSignIn");
  });
});
