import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { generateHOTP } from "@oslojs/otp";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: each sign-in method records how strong the session is (one factor: password,
// emailed link, registration; two: passkey, or a first factor plus an authentication or recovery
// code), and REQUIRE_ADMIN_2FA asks the session, not the account. The attack: an admin who has a
// second factor signs in with the password alone (or a link) and opens the admin area. Next's
// request APIs are stand-ins holding a cookie jar and recording redirects; everything below them
// (sessions, factors, codes, rate limits) is real.
const jar = new Map<string, string>();
let ip = "10.55.0.1";
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "vitest", "x-accounts-path": "/admin/users", "x-accounts-socket-ip": ip }),
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
let sessions: typeof import("@/lib/auth/sessions");
let session: typeof import("@/lib/auth/session");
let signIn: typeof import("@/lib/auth/sign-in");
let adapter: typeof import("@/lib/auth/adapter");
let cookies: typeof import("@/lib/auth/cookies");
let box: typeof import("@/lib/auth/secret-box");
let totp: typeof import("@/lib/auth/totp");
let recovery: typeof import("@/lib/auth/recovery-codes");
let factors: typeof import("@/lib/auth/factors");
let rl: typeof import("@/lib/rate-limit");
let audit: typeof import("@/lib/audit");
let stepUp: typeof import("@/app/account/step-up/actions");

beforeAll(async () => {
  process.env.REQUIRE_ADMIN_2FA = "true";
  db = await import("@/lib/db");
  sessions = await import("@/lib/auth/sessions");
  session = await import("@/lib/auth/session");
  signIn = await import("@/lib/auth/sign-in");
  adapter = await import("@/lib/auth/adapter");
  cookies = await import("@/lib/auth/cookies");
  box = await import("@/lib/auth/secret-box");
  totp = await import("@/lib/auth/totp");
  recovery = await import("@/lib/auth/recovery-codes");
  factors = await import("@/lib/auth/factors");
  rl = await import("@/lib/rate-limit");
  audit = await import("@/lib/audit");
  stepUp = await import("@/app/account/step-up/actions");
});

afterAll(() => {
  delete process.env.REQUIRE_ADMIN_2FA;
});

let sequence = 0;
beforeEach(() => {
  jar.clear();
  ip = `10.55.${(++sequence >> 8) & 255}.${sequence & 255}`;
});

const sessionToken = () => jar.get(cookies.sessionCookieName());

async function makeAdmin({ withTotp = true, withPasskey = false } = {}) {
  const key = new Uint8Array(20).map(() => Math.floor(Math.random() * 256));
  const user = await db.db.user.create({
    data: {
      email: `strength-${++sequence}@x.test`,
      role: "ADMIN",
      ...(withTotp ? { totpSecret: box.seal("totp", key), totpEnabledAt: new Date() } : {}),
    },
  });
  if (withPasskey) {
    await db.db.passkey.create({
      data: { userId: user.id, credentialId: `cred-${user.id}`, publicKey: Buffer.from([1, 2, 3]), deviceType: "singleDevice", name: "Key" },
    });
  }
  return { ...user, code: (offset = 0) => generateHOTP(key, BigInt(totp.totpStep() + offset), 6) };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

async function currentRow() {
  return db.db.session.findUniqueOrThrow({ where: { sessionToken: sessions.hashSessionToken(sessionToken()!) } });
}

describe("the strength each sign-in records", () => {
  it("password, emailed link and registration are one factor; passkey, or a first factor plus a code, are two", async () => {
    const user = await makeAdmin();
    const cases: Array<[string, "totp" | "recovery" | undefined, number]> = [
      ["registration", undefined, 1],
      ["password", undefined, 1],
      ["email", undefined, 1],
      ["passkey", undefined, 2],
      ["password", "totp", 2],
      ["password", "recovery", 2],
      ["email", "totp", 2],
    ];
    for (const [method, secondFactor, expected] of cases) {
      await signIn.startSession(user.id, false, method, secondFactor);
      const row = await currentRow();
      expect({ method, secondFactor, factors: row.factors }).toEqual({ method, secondFactor, factors: expected });
      // The request-time session carries it (one prepared statement, no second query).
      expect((await sessions.findSession(sessionToken()))?.factors).toBe(expected);
    }
    // The timeline says so for the two-factor sign-ins.
    const { entries } = await audit.securityTimeline(user.id, 1);
    expect(entries.filter((entry) => entry.label === "Signed in").map((entry) => entry.detail)).toEqual(
      expect.arrayContaining(["Password (two factors)", "Emailed link (two factors)", "Passkey (two factors)", "Password", "Emailed link"]),
    );
  });

  it("an emailed link through Auth.js's adapter is one factor; rows made before the column existed count as one", async () => {
    const user = await makeAdmin({ withTotp: false });
    const token = sessions.newSessionToken();
    await adapter.sessionAdapter().createSession!({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 60_000) });
    expect((await sessions.findSession(token))?.factors).toBe(1);

    // An old row: inserted the way the app did before, with no strength given.
    const old = sessions.newSessionToken();
    await db.db.$executeRaw`INSERT INTO "Session" (id, "sessionToken", "userId", expires, method)
      VALUES (${`old-${user.id}`}, ${sessions.hashSessionToken(old)}, ${user.id}, now() + interval '1 hour', 'passkey')`;
    expect((await sessions.findSession(old))?.factors).toBe(1);
  });
});

describe("REQUIRE_ADMIN_2FA asks the session", () => {
  it("an admin with a passkey, signed in by password or link, is sent to step up; a two-factor session opens", async () => {
    const admin = await makeAdmin({ withTotp: false, withPasskey: true });
    for (const method of ["password", "email"]) {
      await signIn.startSession(admin.id, false, method);
      // The attack: before, the account's passkey was enough and this resolved.
      await expect(session.requireAdmin()).rejects.toThrow("REDIRECT /account/step-up?callbackUrl=%2Fadmin%2Fusers");
      expect(await factors.adminAssurance({ userId: admin.id, factors: 1 })).toBe("step-up");
    }
    await signIn.startSession(admin.id, false, "passkey");
    await expect(session.requireAdmin()).resolves.toMatchObject({ userId: admin.id, factors: 2 });
    // Without the setting, one factor is enough (the control: the refusal above is the setting's).
    expect(await factors.adminAssurance({ userId: admin.id, factors: 1 }, false)).toBe("ok");
    // No factor at all: set one up first, whatever the session.
    const bare = await makeAdmin({ withTotp: false });
    expect(await factors.adminAssurance({ userId: bare.id, factors: 2 })).toBe("set-up-factor");
  });
});

describe("step-up", () => {
  it("an authentication code raises this session in place, with a new token, and returns to the safe callback", async () => {
    const admin = await makeAdmin();
    await signIn.startSession(admin.id, false, "password");
    const before = await currentRow();
    const other = await sessions.createSession(admin.id, false, { ip, userAgent: "vitest", method: "password" });

    await expect(stepUp.stepUpCodeAction({ status: "idle" }, form({ factor: "totp", code: admin.code(), callbackUrl: "/admin/users" }))).rejects.toThrow(
      "REDIRECT /admin/users",
    );
    const after = await currentRow();
    expect(after.id).toBe(before.id);
    expect(after.factors).toBe(2);
    expect(after.sessionToken).not.toBe(before.sessionToken);
    expect(await db.db.session.count({ where: { sessionToken: before.sessionToken } })).toBe(0);
    await expect(session.requireAdmin()).resolves.toMatchObject({ id: before.id });
    // Only this session: the other one is still one factor.
    expect((await sessions.findSession(other.token))?.factors).toBe(1);
    const { entries } = await audit.securityTimeline(admin.id, 1);
    expect(entries[0]).toMatchObject({ label: "Confirmed with a second factor", detail: "Authenticator app" });

    // Already two factors: the page and the action just go back; an off-site callback never wins.
    await expect(stepUp.stepUpCodeAction({ status: "idle" }, form({ factor: "totp", code: "000000", callbackUrl: "https://evil.example/" }))).rejects.toThrow(
      "REDIRECT /account",
    );
  });

  it("a recovery code works once; wrong codes count toward the second step's lockout", async () => {
    const admin = await makeAdmin();
    const [code] = await recovery.replaceRecoveryCodes(admin.id);
    await signIn.startSession(admin.id, false, "email");
    const wrong = (n: number) => form({ factor: "totp", code: String(n).padStart(6, "0"), callbackUrl: "/admin" });
    for (let i = 0; i < rl.SIGN_IN_MAX_FAILURES; i++) {
      const state = await stepUp.stepUpCodeAction({ status: "idle" }, wrong(i));
      expect(state).toMatchObject({ status: "error", fieldErrors: { code: "That code is not right, or was already used." } });
    }
    // Locked for this email+IP, as after wrong codes at sign-in: even the right one is refused now.
    expect(await stepUp.stepUpCodeAction({ status: "idle" }, form({ factor: "recovery", code, callbackUrl: "/admin" }))).toEqual({
      status: "error",
      message: rl.retryMessage(rl.SIGN_IN_FAILURE_WINDOW_SECONDS),
    });
    expect((await currentRow()).factors).toBe(1);
    const events = await db.db.securityEvent.findMany({ where: { userId: admin.id, type: { in: ["SECOND_STEP_FAILED", "LOCKED_OUT"] } } });
    expect(events.filter((event) => event.type === "SECOND_STEP_FAILED")).toHaveLength(rl.SIGN_IN_MAX_FAILURES);
    expect(events.some((event) => event.type === "LOCKED_OUT")).toBe(true);

    // From another address (a new pair), the recovery code works, once.
    ip = "10.56.0.1";
    await expect(stepUp.stepUpCodeAction({ status: "idle" }, form({ factor: "recovery", code, callbackUrl: "/admin" }))).rejects.toThrow("REDIRECT /admin");
    expect((await currentRow()).factors).toBe(2);
    await signIn.startSession(admin.id, false, "email");
    expect(await stepUp.stepUpCodeAction({ status: "idle" }, form({ factor: "recovery", code, callbackUrl: "/admin" }))).toMatchObject({
      fieldErrors: { code: "That recovery code is not right, or was already used." },
    });
  });

  it("a passkey challenge allows only this user's passkeys and is bound to this user", async () => {
    const admin = await makeAdmin({ withTotp: false, withPasskey: true });
    await makeAdmin({ withTotp: false, withPasskey: true }); // someone else's passkey, never offered
    await signIn.startSession(admin.id, false, "password");
    const result = await stepUp.stepUpPasskeyOptionsAction();
    expect(result.status).toBe("ok");
    const options = result.status === "ok" ? result.options : null;
    expect(options?.allowCredentials?.map((credential) => credential.id)).toEqual([`cred-${admin.id}`]);
    expect(options?.userVerification).toBe("required");
    const challenge = await db.db.webAuthnChallenge.findFirstOrThrow({ where: { challenge: options!.challenge } });
    expect(challenge).toMatchObject({ purpose: "step-up", userId: admin.id });
  });
});
