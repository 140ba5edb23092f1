import { describe, expect, it } from "vitest";
import { defaultPasskeyName } from "./passkey-name";
import { PasskeyNameSchema } from "@/lib/validation/passkeys";

describe("defaultPasskeyName", () => {
  it.each([
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36", "Chrome on Linux"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.8154.6 Safari/537.36",
      "Chrome on Windows",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Mobile Safari on iOS",
    ],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "Safari on macOS"],
    ["curl/8.5.0", "Passkey"],
    [null, "Passkey"],
  ])("%s → %s", (userAgent, name) => {
    expect(defaultPasskeyName(userAgent)).toBe(name);
    expect(PasskeyNameSchema.safeParse(name).success).toBe(true);
  });
});

describe("PasskeyNameSchema", () => {
  it("trims and collapses spaces", () => {
    expect(PasskeyNameSchema.parse("  Work   laptop \n")).toBe("Work laptop");
  });
  it.each(["", "   ", "x".repeat(65), "a\u0000b"])("refuses %j", (name) => {
    expect(PasskeyNameSchema.safeParse(name).success).toBe(false);
  });
  it("accepts 64 characters", () => {
    expect(PasskeyNameSchema.parse("é".repeat(64))).toHaveLength(64);
  });
});
