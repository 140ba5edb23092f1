import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: the admin's "Reset two-step sign-in", and REQUIRE_ADMIN_2FA as the admin area
// applies it. requireAdmin and the admin actions read the request through next/headers and answer
// through next/navigation: both are replaced by stand-ins that hold a session cookie and record
// where a redirect would go; everything below them (sessions, factors, rate limits) is real.
let cookie: string | undefined;
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "vitest", "x-accounts-path": "/admin" }),
  cookies: async () => ({ get: () => (cookie ? { value: cookie } : undefined) }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  forbidden: () => {
    throw new Error("FORBIDDEN");
  },
}));
const afterResponse: Array<() => unknown> = [];
vi.mock("next/server", () => ({ after: (task: () => unknown) => void afterResponse.push(task) }));

withTestDatabase();
let db: typeof import("@/lib/db");
let factors: typeof import("@/lib/auth/factors");
let actions: typeof import("@/lib/admin/actions");
let session: typeof import("@/lib/auth/session");
let sessions: typeof import("@/lib/auth/sessions");
let audit: typeof import("@/lib/audit");
let mail: typeof import("@/lib/mail");
let adminActions: typeof import("@/app/admin/users/[id]/actions");

beforeAll(async () => {
  process.env.REQUIRE_ADMIN_2FA = "true";
  db = await import("@/lib/db");
  factors = await import("@/lib/auth/factors");
  actions = await import("@/lib/admin/actions");
  session = await import("@/lib/auth/session");
  sessions = await import("@/lib/auth/sessions");
  audit = await import("@/lib/audit");
  mail = await import("@/lib/mail");
  adminActions = await import("@/app/admin/users/[id]/actions");
  vi.spyOn(console, "info").mockImplementation(() => {});
});

afterAll(() => {
  delete process.env.REQUIRE_ADMIN_2FA;
});

beforeEach(() => {
  cookie = undefined;
  afterResponse.length = 0;
});

let sequence = 0;
async function makeUser(role: "ADMIN" | "USER" = "USER") {
  const n = ++sequence;
  return db.db.user.create({ data: { email: `factors-${n}@x.test`, name: `User ${n}`, role }, select: { id: true, email: true } });
}

/** An authenticator app, `codes` unused recovery codes (plus one used), `passkeys` passkeys, a pending second step. */
async function giveFactors(userId: string, { totp = true, passkeys = 1, codes = 2 } = {}) {
  if (totp) await db.db.user.update({ where: { id: userId }, data: { totpSecret: "sealed", totpEnabledAt: new Date(), totpLastStep: 123n } });
  for (let i = 0; i < codes + 1; i++) {
    await db.db.recoveryCode.create({ data: { userId, codeHash: `hash-${userId}-${i}`, usedAt: i === codes ? new Date() : null } });
  }
  for (let i = 0; i < passkeys; i++) {
    await db.db.passkey.create({
      data: { userId, credentialId: `cred-${userId}-${i}`, publicKey: Buffer.from([1, 2, 3]), deviceType: "singleDevice", name: `Key ${i}` },
    });
  }
  await db.db.pendingSignIn.create({ data: { tokenHash: `pending-${userId}`, userId, method: "password", expiresAt: new Date(Date.now() + 60_000) } });
}

async function signInAs(userId: string, factors = 1) {
  const created = await sessions.createSession(userId, false, { ip: "10.9.9.9", userAgent: "vitest", method: "password", factors });
  cookie = created.token;
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe("resetSecondFactors", () => {
  it("removes every second factor of that user only, in one go, and says what was there", async () => {
    const user = await makeUser();
    const bystander = await makeUser();
    await giveFactors(user.id, { passkeys: 2, codes: 3 });
    await giveFactors(bystander.id);
    expect(factors.hasSecondFactor(await factors.userFactors(user.id))).toBe(true);

    expect(await factors.resetSecondFactors(user.id)).toEqual({ authenticatorApp: true, passkeys: 2, recoveryCodes: 3 });
    const after = await db.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await factors.userFactors(user.id)).toEqual({ totp: false, totpEnabledAt: null, passkeys: 0, recoveryCodesLeft: 0 });
    expect(await db.db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.db.pendingSignIn.count({ where: { userId: user.id } })).toBe(0);

    const untouched = await factors.userFactors(bystander.id);
    expect(untouched).toMatchObject({ totp: true, passkeys: 1, recoveryCodesLeft: 2 });
    expect(await db.db.pendingSignIn.count({ where: { userId: bystander.id } })).toBe(1);
  });
});

describe("the admin's Reset two-step sign-in", () => {
  it("is audited before → after, shows on the user's timeline, and emails them", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser();
    await giveFactors(user.id, { passkeys: 1, codes: 2 });
    const actor = { id: admin.id, email: admin.email };

    expect(await actions.resetUserFactors(actor, user.id, { ip: "10.7.7.7" })).toEqual({ status: "done", email: user.email });
    const entry = await db.db.auditLog.findFirstOrThrow({ where: { action: "user.factors-reset", targetId: user.id } });
    expect(entry).toMatchObject({
      actorEmail: admin.email,
      targetEmail: user.email,
      ip: "10.7.7.7",
      before: { authenticatorApp: true, passkeys: 1, recoveryCodes: 2 },
      after: { authenticatorApp: false, passkeys: 0, recoveryCodes: 0 },
    });
    const timeline = await audit.securityTimeline(user.id, 1);
    expect(timeline.entries[0]).toMatchObject({
      label: "Two-step sign-in reset by an admin",
      detail: "Removed authenticator app, 1 passkey and 2 recovery codes",
    });

    mail.devOutbox().length = 0;
    for (const task of afterResponse.splice(0)) await task();
    const [notice] = mail.devOutbox();
    expect(notice).toMatchObject({ to: user.email, subject: "Two-step sign-in was turned off on your account" });
    expect(notice.text).toContain("/security-report?token=");

    // Nothing left to remove: unchanged, and no second audit entry.
    expect(await actions.resetUserFactors(actor, user.id)).toEqual({ status: "unchanged", email: user.email });
    expect(await db.db.auditLog.count({ where: { action: "user.factors-reset", targetId: user.id } })).toBe(1);
  });
});

describe("REQUIRE_ADMIN_2FA", () => {
  it("adminNeedsSecondFactor follows the setting; a passkey alone or an authenticator app alone satisfies it", async () => {
    const admin = await makeUser("ADMIN");
    expect(await factors.adminNeedsSecondFactor(admin.id, false)).toBe(false);
    expect(await factors.adminNeedsSecondFactor(admin.id, true)).toBe(true);
    await giveFactors(admin.id, { totp: false, passkeys: 1, codes: 0 });
    expect(await factors.adminNeedsSecondFactor(admin.id, true)).toBe(false);
    const other = await makeUser("ADMIN");
    await giveFactors(other.id, { totp: true, passkeys: 0, codes: 0 });
    expect(await factors.adminNeedsSecondFactor(other.id, true)).toBe(false);
  });

  it("requireAdmin sends an admin without a second factor to set one up; non-admins still get 403", async () => {
    const admin = await makeUser("ADMIN");
    await signInAs(admin.id);
    await expect(session.requireAdmin()).rejects.toThrow(`REDIRECT ${session.ADMIN_SECOND_FACTOR_SETUP}`);
    expect(session.ADMIN_SECOND_FACTOR_SETUP).toBe("/account/security?required=admin");

    await giveFactors(admin.id, { totp: true, passkeys: 0, codes: 0 });
    // A factor on the account is not enough: this session was signed in with one (session-strength.test.ts).
    await expect(session.requireAdmin()).rejects.toThrow("REDIRECT /account/step-up?callbackUrl=%2Fadmin");
    await signInAs(admin.id, 2);
    await expect(session.requireAdmin()).resolves.toMatchObject({ userId: admin.id });

    const member = await makeUser();
    await signInAs(member.id);
    await expect(session.requireAdmin()).rejects.toThrow("FORBIDDEN");
    cookie = undefined;
    await expect(session.requireAdmin()).rejects.toThrow("REDIRECT /login?callbackUrl=%2Fadmin");
  });

  it("every admin action refuses for that admin: nothing changes and nothing is audited", async () => {
    const admin = await makeUser("ADMIN");
    const target = await makeUser();
    await giveFactors(target.id);
    await signInAs(admin.id);
    const calls: Array<[string, (formData: FormData) => Promise<void>, Record<string, string>]> = [
      ["makeAdminAction", adminActions.makeAdminAction, { userId: target.id }],
      ["removeAdminAction", adminActions.removeAdminAction, { userId: target.id }],
      ["disableUserAction", adminActions.disableUserAction, { userId: target.id }],
      ["enableUserAction", adminActions.enableUserAction, { userId: target.id }],
      ["signOutEverywhereAction", adminActions.signOutEverywhereAction, { userId: target.id }],
      ["sendPasswordResetAction", adminActions.sendPasswordResetAction, { userId: target.id }],
      ["resetFactorsAction", adminActions.resetFactorsAction, { userId: target.id }],
      ["revokeSessionAction", adminActions.revokeSessionAction, { userId: target.id, sessionId: "x" }],
      ["deleteUserAction", adminActions.deleteUserAction, { userId: target.id, confirmEmail: target.email }],
    ];
    // Every action the module exports is in the list above.
    expect(Object.keys(adminActions).sort()).toEqual(calls.map(([name]) => name).sort());
    for (const [name, action, fields] of calls) {
      await expect(action(form(fields)), name).rejects.toThrow("REDIRECT /account/security?required=admin");
    }
    const after = await db.db.user.findUniqueOrThrow({ where: { id: target.id }, select: { role: true, disabledAt: true, totpEnabledAt: true } });
    expect(after).toMatchObject({ role: "USER", disabledAt: null });
    expect(after.totpEnabledAt).not.toBeNull();
    expect(await db.db.auditLog.count({ where: { actorId: admin.id } })).toBe(0);
  });
});
