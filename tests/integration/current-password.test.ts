import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: the forms that ask a signed-in user for the current password (change password,
// change email, delete account) check it under the sign-in lockout (ASVS 6.3.1), so a stolen
// session cannot guess the password through them. Mail goes out through Next's `after`, held here.
const afterResponse: Array<() => unknown> = [];
vi.mock("next/server", () => ({ after: (task: () => unknown) => void afterResponse.push(task) }));

withTestDatabase();
let db: typeof import("@/lib/db");
let rl: typeof import("@/lib/rate-limit");
let account: typeof import("@/lib/auth/account");
let sessions: typeof import("@/lib/auth/sessions");
let emailFlows: typeof import("@/lib/auth/email-flows");
let deletion: typeof import("@/lib/account/delete");
let signIn: typeof import("@/lib/auth/password-sign-in");

beforeAll(async () => {
  db = await import("@/lib/db");
  rl = await import("@/lib/rate-limit");
  account = await import("@/lib/auth/account");
  sessions = await import("@/lib/auth/sessions");
  emailFlows = await import("@/lib/auth/email-flows");
  deletion = await import("@/lib/account/delete");
  signIn = await import("@/lib/auth/password-sign-in");
});

beforeEach(() => {
  afterResponse.length = 0;
});

const PASSWORD = "correct horse battery staple";
const WRONG = "wrong horse battery staple";
const NEW_PASSWORD = "violet kettle orbit lantern";
const WRONG_PASSWORD = { status: "wrong-password" } as const;

// Every test has its own user and client IP, so no counter carries over between tests.
let sequence = 0;
function nextIp() {
  const n = ++sequence;
  return `10.77.${(n >> 8) & 255}.${n & 255}`;
}

async function signedInUser(tag: string) {
  const email = `${tag}-${++sequence}@x.test`;
  const created = await account.registerUser({ name: "Test", email, password: PASSWORD });
  if (created.status !== "created") throw new Error("expected a new user");
  const { token } = await sessions.createSession(created.userId, false, { ip: "10.77.0.1", userAgent: "vitest", method: "password" });
  const session = (await sessions.findSession(token))!;
  return { email, userId: created.userId, token, session, ip: nextIp() };
}

/** What every form answers once the email+IP pair is locked: the sign-in lockout's own message. */
function locked() {
  return { status: "limited", message: rl.retryMessage(rl.SIGN_IN_FAILURE_WINDOW_SECONDS) };
}

async function failUpTo(failures: number, attempt: (password: string) => Promise<unknown>) {
  for (let i = 0; i < failures; i++) expect(await attempt(WRONG)).toEqual(WRONG_PASSWORD);
}

async function passwordStillWorks(email: string, password = PASSWORD) {
  // From another IP: the lock is on the email+IP pair, as at /login.
  expect(await signIn.attemptPasswordSignIn(email, password, { ip: nextIp(), userAgent: "vitest" })).toMatchObject({ status: "ok" });
}

describe("password change", () => {
  it("wrong current passwords up to the limit lock it; then the right one is refused and nothing changes", async () => {
    const { email, userId, token, session, ip } = await signedInUser("change");
    await sessions.createSession(userId, false, { ip: "10.77.0.2", userAgent: "vitest", method: "password" });
    const change = (current: string) => account.changePassword(session, current, NEW_PASSWORD, ip);

    await failUpTo(rl.SIGN_IN_MAX_FAILURES, change);
    expect(await change(PASSWORD)).toEqual(locked());

    // No session ended, the token not rotated, the password the same.
    expect(await db.db.session.count({ where: { userId } })).toBe(2);
    expect((await sessions.findSession(token))?.id).toBe(session.id);
    await passwordStillWorks(email);
    expect((await account.verifyCredentials(email, NEW_PASSWORD)).status).toBe("invalid");
  });

  it("the right password works before the limit, and does not forget the failures before it", async () => {
    const { email, session, ip } = await signedInUser("change-ok");
    await failUpTo(rl.SIGN_IN_MAX_FAILURES - 1, (current) => account.changePassword(session, current, NEW_PASSWORD, ip));
    const changed = await account.changePassword(session, PASSWORD, NEW_PASSWORD, ip);
    expect(changed.status).toBe("ok");
    if (changed.status !== "ok") return;
    const rotated = (await sessions.findSession(changed.token))!;

    // A success between guesses resets nothing: one more failure reaches the limit.
    await failUpTo(1, (current) => account.changePassword(rotated, current, PASSWORD, ip));
    expect(await account.changePassword(rotated, NEW_PASSWORD, PASSWORD, ip)).toEqual(locked());
    await passwordStillWorks(email, NEW_PASSWORD);
  });
});

describe("email change", () => {
  const context = (ip: string) => ({ ip, userAgent: "vitest" });

  it("wrong current passwords up to the limit lock it; then the right one is refused and nothing is sent", async () => {
    const { email, userId, ip } = await signedInUser("email");
    const request = (current: string) => emailFlows.requestEmailChange(userId, `moved-${sequence}@x.test`, current, context(ip));

    await failUpTo(rl.SIGN_IN_MAX_FAILURES, request);
    expect(await request(PASSWORD)).toEqual(locked());

    expect(await db.db.authToken.count({ where: { userId, purpose: "EMAIL_CHANGE" } })).toBe(0);
    expect(afterResponse).toHaveLength(0);
    expect((await db.db.user.findUnique({ where: { id: userId } }))?.email).toBe(email);
    await passwordStillWorks(email);
  });

  it("the right password works before the limit", async () => {
    const { userId, ip } = await signedInUser("email-ok");
    const request = (current: string) => emailFlows.requestEmailChange(userId, `moved-${sequence}@x.test`, current, context(ip));
    await failUpTo(rl.SIGN_IN_MAX_FAILURES - 1, request);
    expect(await request(PASSWORD)).toEqual({ status: "sent" });
    expect(await db.db.authToken.count({ where: { userId, purpose: "EMAIL_CHANGE" } })).toBe(1);
  });
});

describe("account deletion", () => {
  it("wrong passwords up to the limit lock it; then the right one is refused and the account stays", async () => {
    const { email, userId, ip } = await signedInUser("delete");
    const remove = (password: string) => deletion.deleteAccount(userId, password, ip);

    await failUpTo(rl.SIGN_IN_MAX_FAILURES, remove);
    expect(await remove(PASSWORD)).toEqual(locked());

    expect(await db.db.user.count({ where: { id: userId } })).toBe(1);
    await passwordStillWorks(email);
  });

  it("the right password works before the limit", async () => {
    const { userId, ip } = await signedInUser("delete-ok");
    await failUpTo(rl.SIGN_IN_MAX_FAILURES - 1, (password) => deletion.deleteAccount(userId, password, ip));
    expect(await deletion.deleteAccount(userId, PASSWORD, ip)).toEqual({ status: "deleted" });
    expect(await db.db.user.count({ where: { id: userId } })).toBe(0);
  });
});

describe("one counter", () => {
  it("failures at /login and on the three forms add up per email+IP, and the lock holds everywhere", async () => {
    const { email, userId, session, ip } = await signedInUser("shared");
    const context = { ip, userAgent: "vitest" };
    const attempts = [
      (password: string) => signIn.attemptPasswordSignIn(email, password, context),
      (password: string) => account.changePassword(session, password, NEW_PASSWORD, ip),
      (password: string) => emailFlows.requestEmailChange(userId, `moved-${sequence}@x.test`, password, context),
      (password: string) => deletion.deleteAccount(userId, password, ip),
    ];
    for (let i = 0; i < rl.SIGN_IN_MAX_FAILURES; i++) {
      expect(await attempts[i % attempts.length](WRONG)).toMatchObject({ status: expect.stringMatching(/^(invalid|wrong-password)$/) });
    }
    for (const attempt of attempts) expect(await attempt(PASSWORD)).toEqual(locked());
    expect(await db.db.user.count({ where: { id: userId } })).toBe(1);
    await passwordStillWorks(email);
  });
});
