import { test as base, type Browser, type BrowserContextOptions } from "@playwright/test";
import { randomInt } from "node:crypto";

// The e2e server runs with TRUST_PROXY=1, like the app behind nginx: each test (and each extra
// browser) comes from its own client IP in X-Forwarded-For, so the per-IP limits apply per test,
// as they would to separate people, and the rate-limit specs choose their IPs on purpose.
export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export const test = base.extend({
  extraHTTPHeaders: async ({}, use) => {
    await use({ "X-Forwarded-For": randomIp() });
  },
});

export { expect } from "@playwright/test";

/** A second browser (another device or person), with an IP of its own. */
export function newClient(browser: Browser, options: BrowserContextOptions = {}) {
  return browser.newContext({ ...options, extraHTTPHeaders: { "X-Forwarded-For": randomIp(), ...options.extraHTTPHeaders } });
}
