import { describe, expect, it } from "vitest";
import { generateHOTP } from "@oslojs/otp";
import { matchingStep, TOTP_PERIOD_SECONDS } from "./totp";
import { open, seal } from "./secret-box";

// RFC 6238 appendix B: the SHA-1 key "12345678901234567890"; at T = 59 s the 8-digit code is
// 94287082, so the 6-digit code is its last six digits.
const RFC_KEY = new TextEncoder().encode("12345678901234567890");

describe("TOTP codes", () => {
  it("matches the RFC 6238 test vector", () => {
    expect(matchingStep(RFC_KEY, "287082", 59_000)).toBe(1);
    expect(matchingStep(RFC_KEY, "287 082", 59_000)).toBe(1);
  });

  it("accepts one step before and after now, and nothing further", () => {
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
    const code = (offset: number) => generateHOTP(RFC_KEY, BigInt(step + offset), 6);
    expect(matchingStep(RFC_KEY, code(-1), now)).toBe(step - 1);
    expect(matchingStep(RFC_KEY, code(0), now)).toBe(step);
    expect(matchingStep(RFC_KEY, code(1), now)).toBe(step + 1);
    for (const offset of [-3, -2, 2, 3]) {
      if (![-1, 0, 1].some((near) => code(near) === code(offset))) expect(matchingStep(RFC_KEY, code(offset), now)).toBeNull();
    }
  });

  it("refuses anything that is not six digits", () => {
    for (const input of ["", "12345", "1234567", "abcdef", "12345a", "１２３４５６"]) expect(matchingStep(RFC_KEY, input, 59_000)).toBeNull();
  });
});

describe("secret box (AES-256-GCM, key from AUTH_SECRET)", () => {
  it("round-trips, and never stores the plaintext", () => {
    const secret = new TextEncoder().encode("a totp key of twenty");
    const sealed = seal("totp", secret);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(Buffer.from(secret).toString("base64url"));
    expect(open("totp", sealed)).toEqual(secret);
    expect(seal("totp", secret)).not.toBe(sealed); // a new IV each time
  });

  it("refuses a tampered value or one sealed for another purpose", () => {
    const sealed = seal("totp", new Uint8Array([1, 2, 3]));
    const [version, iv, body, tag] = sealed.split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped[0] ^= 1;
    expect(open("totp", [version, iv, flipped.toString("base64url"), tag].join("."))).toBeNull();
    expect(open("other", sealed)).toBeNull();
    expect(open("totp", "not sealed")).toBeNull();
  });
});
