import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "./support/database";

// Real PostgreSQL: the new-device check reads earlier SIGN_IN events. Next's after() is replaced
// by a queue the tests run themselves, so "after the response" is a step they can see.
const afterResponse: Array<() => Promise<unknown> | unknown> = [];
vi.mock("next/server", () => ({ after: (task: () => unknown) => void afterResponse.push(task) }));

withTestDatabase();
let db: typeof import("@/lib/db");
let newDevice: typeof import("@/lib/auth/new-device");
let mail: typeof import("@/lib/mail");
let audit: typeof import("@/lib/audit");

beforeAll(async () => {
  db = await import("@/lib/db");
  newDevice = await import("@/lib/auth/new-device");
  mail = await import("@/lib/mail");
  audit = await import("@/lib/audit");
  vi.spyOn(console, "info").mockImplementation(() => {}); // the dev outbox prints each message
});

beforeEach(() => {
  afterResponse.length = 0;
  mail.devOutbox().length = 0;
});

const chrome = (version: string, os = "X11; Linux x86_64") =>
  `Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36`;
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const DAY = 24 * 60 * 60_000;

let sequence = 0;
async function newUser() {
  const user = await db.db.user.create({ data: { email: `device-${++sequence}@x.test`, name: "Device" } });
  return user;
}

async function signInEvent(userId: string, ip: string, userAgent: string, daysAgo = 0, type = "SIGN_IN") {
  await db.db.securityEvent.create({ data: { userId, type, ip, userAgent, createdAt: new Date(Date.now() - daysAgo * DAY) } });
}

async function runAfterResponse() {
  const tasks = afterResponse.splice(0);
  for (const task of tasks) await task();
}

const alerts = () => mail.devOutbox().filter((message) => message.subject === "New sign-in to your account");

describe("isKnownDevice", () => {
  it("knows a browser/OS + IP seen in the last 90 days, whatever the versions", async () => {
    const { id } = await newUser();
    await signInEvent(id, "10.0.0.1", chrome("156.0.0.0"), 89);
    expect(await newDevice.isKnownDevice(id, { ip: "10.0.0.1", userAgent: chrome("158.0.1.2") })).toBe(true);
  });

  it("another IP, browser or OS is new; so is a sign-in older than 90 days", async () => {
    const { id } = await newUser();
    await signInEvent(id, "10.0.0.1", chrome("156.0.0.0"));
    await signInEvent(id, "10.0.0.2", chrome("156.0.0.0"), 91);
    expect(await newDevice.isKnownDevice(id, { ip: "10.0.0.9", userAgent: chrome("156.0.0.0") })).toBe(false);
    expect(await newDevice.isKnownDevice(id, { ip: "10.0.0.1", userAgent: FIREFOX })).toBe(false);
    expect(await newDevice.isKnownDevice(id, { ip: "10.0.0.1", userAgent: chrome("156.0.0.0", "Windows NT 10.0; Win64; x64") })).toBe(false);
    expect(await newDevice.isKnownDevice(id, { ip: "10.0.0.2", userAgent: chrome("156.0.0.0") })).toBe(false);
  });

  it("counts only this user's successful sign-ins", async () => {
    const { id } = await newUser();
    const other = await newUser();
    await signInEvent(other.id, "10.0.0.1", FIREFOX);
    await signInEvent(id, "10.0.0.1", FIREFOX, 0, "SIGN_IN_FAILED");
    await signInEvent(id, "10.0.0.1", FIREFOX, 0, "NEW_DEVICE_ALERT");
    expect(await newDevice.isKnownDevice(id, { ip: "10.0.0.1", userAgent: FIREFOX })).toBe(false);
  });
});

describe("recordSignIn", () => {
  it("registration is recorded and never alerts; the same device again does not alert", async () => {
    const { id } = await newUser();
    await newDevice.recordSignIn(id, { ip: "10.0.1.1", userAgent: chrome("156.0.0.0") }, { method: "registration" });
    await newDevice.recordSignIn(id, { ip: "10.0.1.1", userAgent: chrome("157.0.0.0") }, { method: "password", remember: false });
    await runAfterResponse();
    expect(alerts()).toHaveLength(0);
    const events = await db.db.securityEvent.findMany({ where: { userId: id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => event.type)).toEqual(["SIGN_IN", "SIGN_IN"]);
  });

  it("a new device gets the email after the response, with a This wasn't me link, and a timeline entry", async () => {
    const user = await newUser();
    await newDevice.recordSignIn(user.id, { ip: "10.0.2.1", userAgent: chrome("156.0.0.0") }, { method: "registration" });
    await newDevice.recordSignIn(user.id, { ip: "10.0.2.99", userAgent: FIREFOX }, { method: "email" });
    // Nothing is sent while the sign-in's own request runs.
    expect(alerts()).toHaveLength(0);
    expect(afterResponse).toHaveLength(1);
    await runAfterResponse();

    expect(alerts()).toHaveLength(1);
    const [message] = alerts();
    expect(message.to).toBe(user.email);
    expect(message.text).toMatch(/Time: \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    expect(message.text).toContain("Browser: Firefox 128");
    expect(message.text).toContain("Operating system: Linux");
    expect(message.text).toContain("IP address: 10.0.2.99");
    expect(message.text).toContain("Signed in with: Emailed link");
    expect(message.text).toMatch(/This wasn't me:\nhttp:\/\/localhost:3000\/security-report\?token=[\w-]{43}/);
    expect(await db.db.authToken.count({ where: { userId: user.id, purpose: "SECURITY_REPORT" } })).toBe(1);

    const timeline = await audit.securityTimeline(user.id, 1);
    expect(timeline.entries[0]).toMatchObject({ label: "New-device alert sent", detail: "Firefox on Linux, IP 10.0.2.99", ip: "10.0.2.99" });
    expect(timeline.entries[1]).toMatchObject({ label: "Signed in", detail: "Emailed link" });

    // Now seen: the same browser from the same IP does not alert again.
    await newDevice.recordSignIn(user.id, { ip: "10.0.2.99", userAgent: FIREFOX }, { method: "password" });
    expect(afterResponse).toHaveLength(0);
  });

  it("an account gone by the time the alert runs: nothing is sent, nothing throws", async () => {
    const user = await newUser();
    await newDevice.recordSignIn(user.id, { ip: "10.0.3.1", userAgent: FIREFOX }, { method: "password" });
    await db.db.user.delete({ where: { id: user.id } });
    await expect(runAfterResponse()).resolves.toBeUndefined();
    expect(alerts()).toHaveLength(0);
  });
});
