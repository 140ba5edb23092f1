import { describe, expect, it } from "vitest";
import { describeDeviceFamily, describeUserAgent, deviceFamily, sameDeviceFamily, UNKNOWN_BROWSER } from "./user-agent";

describe("describeUserAgent", () => {
  it.each([
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
      "Chrome 156 on Linux",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.8154.6 Safari/537.36",
      "Chrome 159 on Windows 10",
    ],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox 128 on Linux"],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Mobile Safari 17 on iOS 17.5",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
      "Safari 17 on macOS",
    ],
  ])("%s → %s", (userAgent, label) => {
    expect(describeUserAgent(userAgent).label).toBe(label);
  });

  it.each([null, undefined, "", "curl/8.5.0", "<img src=x onerror=alert(1)>"])("%s → Unknown browser", (userAgent) => {
    expect(describeUserAgent(userAgent)).toEqual({ browser: UNKNOWN_BROWSER, os: null, label: UNKNOWN_BROWSER });
  });

  it("an unknown browser on a known system still names the system", () => {
    expect(describeUserAgent("SomethingNew (X11; Linux x86_64)").label).toMatch(/ on Linux$/);
  });

  it("copes with a very long header quickly", () => {
    const started = performance.now();
    describeUserAgent(`Mozilla/5.0 (${"a".repeat(100_000)}) Chrome/1.0`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("deviceFamily", () => {
  const chrome = (version: string, os = "Windows NT 10.0; Win64; x64") =>
    `Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36`;

  it("leaves the versions out, so an update is the same device", () => {
    expect(deviceFamily(chrome("159.0.8154.6"))).toEqual({ browser: "Chrome", os: "Windows" });
    expect(sameDeviceFamily(deviceFamily(chrome("159.0.8154.6")), deviceFamily(chrome("160.0.1.2")))).toBe(true);
    expect(sameDeviceFamily(deviceFamily(chrome("160.0.0.0", "Windows NT 6.1")), deviceFamily(chrome("160.0.0.0")))).toBe(true);
  });

  it("another browser or another system is another device", () => {
    const firefox = deviceFamily("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0");
    expect(sameDeviceFamily(firefox, deviceFamily(chrome("159.0.0.0")))).toBe(false);
    expect(sameDeviceFamily(deviceFamily(chrome("159.0.0.0", "X11; Linux x86_64")), deviceFamily(chrome("159.0.0.0")))).toBe(false);
    expect(describeDeviceFamily(firefox)).toBe("Firefox on Windows");
  });

  it("an unrecognised user agent is one family of its own", () => {
    expect(deviceFamily("curl/8.5.0")).toEqual({ browser: UNKNOWN_BROWSER, os: null });
    expect(sameDeviceFamily(deviceFamily(null), deviceFamily(""))).toBe(true);
    expect(describeDeviceFamily(deviceFamily(null))).toBe(UNKNOWN_BROWSER);
  });
});
