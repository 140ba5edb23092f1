import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "./support/database";

// Email-change takeover, on real PostgreSQL: an attacker who is in the account (a stolen session and
// the password) moves it to an address of theirs. "This wasn't me" from the old address, and a
// password reset, must take it back. next/headers and next/server's `after` are stand-ins; the
// database, tokens and mail rendering are real (mail goes to the dev outbox).
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "vitest" }),
  cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }),
}));
const afterResponse: Array<() => unknown> = [];
vi.mock("next/server", () => ({ after: (task: () => unknown) => void afterResponse.push(task) }));

withTestDatabase();
let db: typeof import("@/lib/db");
let account: typeof import("@/lib/auth/account");
let sessions: typeof import("@/lib/auth/sessions");
let flows: typeof import("@/lib/auth/email-flows");
let mail: typeof import("@/lib/mail");
let tokens: typeof import("@/lib/tokens");

beforeAll(async () => {
  db = await import("@/lib/db");
  account = await import("@/lib/auth/account");
  sessions = await import("@/lib/auth/sessions");
  flows = await import("@/lib/auth/email-flows");
  mail = await import("@/lib/mail");
  tokens = await import("@/lib/tokens");
  vi.spyOn(console, "info").mockImplementation(() => {});
});

beforeEach(() => {
  afterResponse.length = 0;
  mail.devOutbox().length = 0;
});

const password = "correct horse battery staple";
const context = { ip: "198.51.100.7", userAgent: "attacker" };
let sequence = 0;

/** Runs the mail queued "after the response" and returns what went out, oldest first. */
async function sentMail() {
  for (const task of afterResponse.splice(0)) await task();
  const sent = [...mail.devOutbox()].reverse();
  mail.devOutbox().length = 0;
  return sent;
}

function tokenIn(message: { text: string }, path: string): string {
  const link = message.text.match(new RegExp(`https?://\\S+${path.replace("?", "\\?")}\\?token=\\S+`));
  if (!link) throw new Error(`no ${path} link in the message`);
  return new URL(link[0]).searchParams.get("token")!;
}

/** A confirmed victim, signed in on their device and (stolen) on the attacker's. */
async function victim() {
  const n = ++sequence;
  const email = `victim-${n}@x.test`;
  const attackerEmail = `attacker-${n}@evil.test`;
  const created = await account.registerUser({ name: "Victim", email, password });
  if (created.status !== "created") throw new Error("expected a new account");
  await db.db.user.update({ where: { id: created.userId }, data: { emailVerified: new Date() } });
  const stolen = await sessions.createSession(created.userId, true, { ...context, method: "password" });
  return { userId: created.userId, email, attackerEmail, stolen: stolen.token };
}

/** The attacker asks to move the account to their address; returns both links that go out. */
async function attackerRequestsChange(userId: string, email: string, attackerEmail: string) {
  await sentMail();
  expect((await flows.requestEmailChange(userId, attackerEmail, password, context)).status).toBe("sent");
  const sent = await sentMail();
  const confirm = sent.find((m) => m.to === attackerEmail && /Confirm your new email/.test(m.subject))!;
  const notice = sent.find((m) => m.to === email && /about to change/.test(m.subject))!;
  return { changeToken: tokenIn(confirm, "/verify-email"), requestReport: tokenIn(notice, "/security-report") };
}

describe("\"This wasn't me\" undoes an email-change takeover", () => {
  it("from the notice that a change was asked for: the attacker's confirmation link no longer changes anything", async () => {
    const { userId, email, attackerEmail, stolen } = await victim();
    const { changeToken, requestReport } = await attackerRequestsChange(userId, email, attackerEmail);
    expect((await flows.reportNotMe(requestReport, {})).status).toBe("done");
    expect(await sessions.findSession(stolen)).toBeNull();
    expect((await flows.followConfirmationLink(changeToken, context)).status).toBe("used");
    expect((await db.db.user.findUniqueOrThrow({ where: { id: userId } })).email).toBe(email);
    const reset = (await sentMail()).filter((m) => /Reset your password/.test(m.subject));
    expect(reset.map((m) => m.to)).toEqual([email]);
  });

  it("from the notice that it happened: the account returns to the old address, the reset goes there, the attacker's address is out", async () => {
    const { userId, email, attackerEmail, stolen } = await victim();
    const { changeToken } = await attackerRequestsChange(userId, email, attackerEmail);
    // Control: the takeover is real, the link moves the account to the attacker's address.
    expect((await flows.followConfirmationLink(changeToken, context)).status).toBe("changed");
    expect((await db.db.user.findUniqueOrThrow({ where: { id: userId } })).email).toBe(attackerEmail);
    const changedNotice = (await sentMail()).find((m) => m.to === email && /was changed/.test(m.subject))!;
    // A "This wasn't me" link the attacker holds at their own address, and a reset they asked for.
    const attackerReport = await tokens.issueToken(userId, "SECURITY_REPORT", attackerEmail);
    await flows.requestPasswordReset(attackerEmail, context);
    const attackerReset = tokenIn((await sentMail()).find((m) => m.to === attackerEmail)!, "/reset-password");

    const result = await flows.reportNotMe(tokenIn(changedNotice, "/security-report"), {});
    expect(result).toEqual({ status: "done", restored: true });
    const user = await db.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.email).toBe(email);
    expect(user.emailVerified).not.toBeNull();
    expect(await sessions.findSession(stolen)).toBeNull();
    const sent = await sentMail();
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[email, "Reset your password"]]);
    // The attacker's address signs nothing in, and nothing they hold moves the account back.
    expect((await account.verifyCredentials(attackerEmail, password)).status).toBe("invalid");
    expect((await flows.reportNotMe(attackerReport, {})).status).toBe("used");
    expect((await flows.resetPassword(attackerReset, "violet kettle orbit lantern", {})).status).toBe("used");
    expect((await db.db.user.findUniqueOrThrow({ where: { id: userId } })).email).toBe(email);
    // The owner's reset link works, at the old address.
    expect((await flows.resetPassword(tokenIn(sent[0], "/reset-password"), "granite walrus piano meadow", {})).status).toBe("reset");
    const timeline = await db.db.securityEvent.findMany({ where: { userId, type: "EMAIL_RESTORED" } });
    expect(timeline).toHaveLength(1);
  });

  it("when the old address now has another account, the account is locked, no reset goes anywhere, no error", async () => {
    const { userId, email, attackerEmail, stolen } = await victim();
    const { changeToken } = await attackerRequestsChange(userId, email, attackerEmail);
    expect((await flows.followConfirmationLink(changeToken, context)).status).toBe("changed");
    const changedNotice = (await sentMail()).find((m) => m.to === email && /was changed/.test(m.subject))!;
    // The attacker takes the freed address too, to block the way back.
    expect((await account.registerUser({ name: "Blocker", email, password })).status).toBe("created");

    expect(await flows.reportNotMe(tokenIn(changedNotice, "/security-report"), {})).toEqual({ status: "locked" });
    const user = await db.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.email).toBe(attackerEmail);
    expect(user.disabledAt).not.toBeNull();
    expect(await sessions.findSession(stolen)).toBeNull();
    expect(await sentMail()).toHaveLength(0);
    expect(await db.db.securityEvent.count({ where: { userId, type: "ACCOUNT_LOCKED_AFTER_REPORT" } })).toBe(1);
  });

  it("a password reset voids a pending email change and confirmation link", async () => {
    const { userId, email, attackerEmail } = await victim();
    const { changeToken } = await attackerRequestsChange(userId, email, attackerEmail);
    const confirmation = await tokens.issueToken(userId, "EMAIL_CONFIRMATION", email);
    await flows.requestPasswordReset(email, {});
    const reset = tokenIn((await sentMail()).find((m) => m.to === email)!, "/reset-password");
    expect((await flows.resetPassword(reset, "granite walrus piano meadow", {})).status).toBe("reset");
    expect((await flows.followConfirmationLink(changeToken, context)).status).toBe("used");
    expect((await flows.followConfirmationLink(confirmation, context)).status).toBe("used");
    expect((await db.db.user.findUniqueOrThrow({ where: { id: userId } })).email).toBe(email);
  });
});
