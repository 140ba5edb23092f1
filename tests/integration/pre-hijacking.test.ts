import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { withTestDatabase } from "./support/database";

// Pre-account-takeover, on real PostgreSQL: an attacker registers the victim's address, sets a
// password and second factors and keeps a session; the victim later gets in by an emailed sign-in
// link (Auth.js's signIn callback, as its email callback calls it, then the adapter's session) or by
// a password reset. next/headers, next/navigation and next/server's `after` are stand-ins; the
// database, tokens, rate limits and mail rendering are real (mail goes to the dev outbox).
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "vitest", "x-accounts-path": "/api/auth/callback/nodemailer" }),
  cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
}));
const afterResponse: Array<() => unknown> = [];
vi.mock("next/server", () => ({ after: (task: () => unknown) => void afterResponse.push(task) }));

withTestDatabase();
let db: typeof import("@/lib/db");
let account: typeof import("@/lib/auth/account");
let sessions: typeof import("@/lib/auth/sessions");
let flows: typeof import("@/lib/auth/email-flows");
let config: typeof import("@/lib/auth/config");
let adapter: typeof import("@/lib/auth/adapter");
let mail: typeof import("@/lib/mail");
let tokens: typeof import("@/lib/tokens");
let rateLimit: typeof import("@/lib/rate-limit");
let registerActions: typeof import("@/app/(auth)/register/actions");
let audit: typeof import("@/lib/audit");

beforeAll(async () => {
  db = await import("@/lib/db");
  account = await import("@/lib/auth/account");
  sessions = await import("@/lib/auth/sessions");
  flows = await import("@/lib/auth/email-flows");
  config = await import("@/lib/auth/config");
  adapter = await import("@/lib/auth/adapter");
  mail = await import("@/lib/mail");
  tokens = await import("@/lib/tokens");
  rateLimit = await import("@/lib/rate-limit");
  registerActions = await import("@/app/(auth)/register/actions");
  audit = await import("@/lib/audit");
  vi.spyOn(console, "info").mockImplementation(() => {});
});

beforeEach(() => {
  afterResponse.length = 0;
  mail.devOutbox().length = 0;
});

/** Runs the mail queued "after the response" and returns what went out, oldest first. */
async function sentMail() {
  for (const task of afterResponse.splice(0)) await task();
  return [...mail.devOutbox()].reverse();
}

const attackerPassword = "correct horse battery staple";
const victimPassword = "violet kettle orbit lantern";
const meta = { ip: "203.0.113.9", userAgent: "attacker", method: "password" };
let sequence = 0;

/** The attacker's setup: the victim's address registered, factors added, a session kept. */
async function preHijack() {
  const email = `victim-${++sequence}@x.test`;
  const created = await account.registerUser({ name: "Not the owner", email, password: attackerPassword });
  if (created.status !== "created") throw new Error("expected a new account");
  const userId = created.userId;
  await db.db.user.update({ where: { id: userId }, data: { totpSecret: "sealed-secret", totpEnabledAt: new Date(), totpLastStep: 1n } });
  await db.db.recoveryCode.create({ data: { userId, codeHash: `code-${userId}` } });
  await db.db.passkey.create({
    data: { userId, credentialId: `cred-${userId}`, publicKey: new Uint8Array([1, 2, 3]), deviceType: "singleDevice", name: "Attacker's key" },
  });
  await db.db.pendingSignIn.create({ data: { tokenHash: `pending-${userId}`, userId, method: "password", expiresAt: new Date(Date.now() + 60_000) } });
  const session = await sessions.createSession(userId, true, meta);
  // A change of address the attacker asked for, waiting for its link.
  const changeLink = await tokens.issueToken(userId, "EMAIL_CHANGE", `attacker-${sequence}@evil.test`);
  // Control: the attack is real, the attacker is in with a password, two factors and a session.
  expect((await account.verifyCredentials(email, attackerPassword)).status).toBe("ok");
  expect(await sessions.findSession(session.token)).not.toBeNull();
  return { email, userId, attackerSession: session.token, changeLink };
}

async function expectClaimed(userId: string, attackerSession: string, changeLink: string) {
  const user = await db.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { emailVerified: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true, _count: { select: { passkeys: true, recoveryCodes: true, pendingSignIns: true } } },
  });
  expect(user.emailVerified).not.toBeNull();
  expect([user.totpSecret, user.totpEnabledAt, user.totpLastStep]).toEqual([null, null, null]);
  expect(user._count).toEqual({ passkeys: 0, recoveryCodes: 0, pendingSignIns: 0 });
  expect(await sessions.findSession(attackerSession)).toBeNull();
  // The attacker's pending email change no longer moves the account.
  expect((await flows.followConfirmationLink(changeLink, {})).status).toBe("used");
  const event = await db.db.securityEvent.findFirst({ where: { userId, type: "ACCOUNT_CLAIMED" } });
  expect(event).not.toBeNull();
  return audit.timelineEntry(event!);
}

/** What Auth.js's email callback does with a followed link: signIn callback, then a session. */
async function followSignInLink(email: string, userId: string) {
  const signIn = config.authConfig().callbacks!.signIn!;
  const allowed = await signIn({ user: { id: userId, email, emailVerified: null }, account: { providerAccountId: email, userId, type: "email", provider: "nodemailer" } });
  if (allowed !== true) return { allowed, sessionToken: null };
  const sessionToken = `owner-session-${randomUUID()}`;
  await adapter.sessionAdapter().createSession!({ sessionToken, userId, expires: new Date(Date.now() + 60_000) });
  return { allowed, sessionToken };
}

describe("pre-hijacking: the owner of the address claims an unconfirmed account", () => {
  it("an emailed sign-in link ends the attacker's session, password, factors and pending change; no second step is asked", async () => {
    const { email, userId, attackerSession, changeLink } = await preHijack();
    const { allowed, sessionToken } = await followSignInLink(email, userId);
    // true, not the two-step path: the attacker's authenticator app is gone.
    expect(allowed).toBe(true);
    const entry = await expectClaimed(userId, attackerSession, changeLink);
    expect([entry.label, entry.detail]).toEqual([
      "Email confirmed, earlier access removed",
      "By a sign-in link: removed the earlier password, authenticator app, 1 passkey and 1 recovery code; 1 other device signed out",
    ]);
    expect((await account.verifyCredentials(email, attackerPassword)).status).toBe("invalid");
    expect((await db.db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBeNull();
    // The owner's new session is made after the claim, and survives it.
    expect((await sessions.findSession(sessionToken!))?.userId).toBe(userId);
    // Once claimed, the next link changes nothing more.
    expect((await followSignInLink(email, userId)).allowed).toBe(true);
    expect(await db.db.securityEvent.count({ where: { userId, type: "ACCOUNT_CLAIMED" } })).toBe(1);
  });

  it("a confirmed account keeps its factors: a link still asks for the second step (control)", async () => {
    const { email, userId, attackerSession } = await preHijack();
    await db.db.user.update({ where: { id: userId }, data: { emailVerified: new Date() } });
    const { allowed } = await followSignInLink(email, userId);
    expect(allowed).toBe("/login/two-step");
    expect(await sessions.findSession(attackerSession)).not.toBeNull();
    expect((await db.db.user.findUniqueOrThrow({ where: { id: userId } })).totpEnabledAt).not.toBeNull();
    expect((await account.verifyCredentials(email, attackerPassword)).status).toBe("ok");
  });

  it("a password reset claims it too: factors gone, the attacker's password and session dead", async () => {
    const { email, userId, attackerSession, changeLink } = await preHijack();
    await flows.requestPasswordReset(email, {});
    const [resetMail] = (await sentMail()).filter((m) => m.subject === "Reset your password");
    const token = new URL(resetMail.text.match(/https?:\/\/\S+\/reset-password\?token=\S+/)![0]).searchParams.get("token");
    expect((await flows.resetPassword(token, victimPassword, {})).status).toBe("reset");
    const entry = await expectClaimed(userId, attackerSession, changeLink);
    expect(entry.detail).toBe("By a password reset: removed authenticator app, 1 passkey and 1 recovery code; 1 other device signed out");
    expect((await account.verifyCredentials(email, attackerPassword)).status).toBe("invalid");
    expect((await account.verifyCredentials(email, victimPassword)).status).toBe("ok");
  });

  it("the 'someone tried to register' notice counts against the address's budget: the 4th within the hour sends nothing", async () => {
    const email = `owner-${++sequence}@x.test`;
    await account.registerUser({ name: "Owner", email, password: victimPassword });
    const attempt = async () => {
      const form = new FormData();
      for (const [key, value] of Object.entries({ name: "Visitor", email, password: attackerPassword, confirmPassword: attackerPassword })) form.set(key, value);
      // The same neutral page every time, within the budget or over it.
      await expect(registerActions.registerAction({ status: "idle" }, form)).rejects.toThrow("REDIRECT /register/check-email");
    };
    for (let i = 0; i < rateLimit.EMAIL_SEND_MAX_PER_ADDRESS; i++) await attempt();
    expect((await sentMail()).filter((m) => m.to === email && /Someone tried to register/.test(m.subject))).toHaveLength(rateLimit.EMAIL_SEND_MAX_PER_ADDRESS);
    mail.devOutbox().length = 0;
    await attempt();
    expect(await sentMail()).toHaveLength(0);
  });
});
