import { UAParser } from "ua-parser-js";

// ua-parser-js v1 (MIT). v2 changed its licence to AGPL: do not upgrade past 1.x.

export type UserAgentSummary = {
  /** "Chrome 159", or "Unknown browser". */
  browser: string;
  /** "Windows 10", "Linux", "iOS 17.5", or null when the user agent does not say. */
  os: string | null;
  /** What people read: "Chrome 159 on Windows 10", "Unknown browser". */
  label: string;
};

export const UNKNOWN_BROWSER = "Unknown browser";

// Stored user agents are cut at 512 characters (lib/request.ts); parse no more than that.
const MAX_PARSED_LENGTH = 512;

/**
 * Browser and operating system from a User-Agent header, for the devices list and the security
 * timeline, the admin's view of them and the audit log, so all name a device alike. The result is
 * display text only: it is rendered as text, never as markup.
 */
export function describeUserAgent(userAgent: string | null | undefined): UserAgentSummary {
  const key = (userAgent ?? "").slice(0, MAX_PARSED_LENGTH);
  const known = summaries.get(key);
  if (known) return known;
  const { browser, os } = new UAParser(key).getResult();
  const browserText = browser.name ? [browser.name, browser.major].filter(Boolean).join(" ") : UNKNOWN_BROWSER;
  const osText = os.name ? osLabel(os.name, os.version) : null;
  const summary = Object.freeze({ browser: browserText, os: osText, label: osText ? `${browserText} on ${osText}` : browserText });
  // A user's timeline and devices repeat the same few user agents on every view; parsing one costs
  // ~10 µs of regular expressions. The cache is bounded and simply starts over when full.
  if (summaries.size >= SUMMARY_CACHE_SIZE) summaries.clear();
  summaries.set(key, summary);
  return summary;
}

const SUMMARY_CACHE_SIZE = 1_000;
const summaries = new Map<string, UserAgentSummary>();

function osLabel(name: string, version: string | undefined): string {
  // Safari and Chrome on a Mac report 10.15.7 whatever the real version is: leave it out.
  if (name === "Mac OS") return "macOS";
  return version ? `${name} ${version}` : name;
}

export type DeviceFamily = {
  /** "Chrome", "Firefox", "Mobile Safari", or "Unknown browser": no version. */
  browser: string;
  /** "Windows", "macOS", "iOS", "Linux", or null: no version. */
  os: string | null;
};

/**
 * Browser and OS names without versions, for telling whether a device was seen before (the
 * new-device alert): a browser or system update changes the versions, not the device.
 */
export function deviceFamily(userAgent: string | null | undefined): DeviceFamily {
  const { browser, os } = new UAParser((userAgent ?? "").slice(0, MAX_PARSED_LENGTH)).getResult();
  return { browser: browser.name || UNKNOWN_BROWSER, os: os.name ? osLabel(os.name, undefined) : null };
}

export function sameDeviceFamily(a: DeviceFamily, b: DeviceFamily): boolean {
  return a.browser === b.browser && a.os === b.os;
}

/** "Chrome on Windows", "Unknown browser": a family as people read it. */
export function describeDeviceFamily(family: DeviceFamily): string {
  return family.os ? `${family.browser} on ${family.os}` : family.browser;
}
