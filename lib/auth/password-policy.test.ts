import { describe, expect, it } from "vitest";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, normalizePassword, passwordProblem } from "./password-policy";

describe("password policy", () => {
  it("refuses common passwords with a reason", () => {
    expect(passwordProblem("password123")).toMatch(/common/i);
    expect(passwordProblem("qwertyuiop")).not.toBeNull();
  });

  it("accepts a passphrase of unrelated words", () => {
    expect(passwordProblem("correct horse battery staple")).toBeNull();
  });

  it("has no composition rules: lower-case words alone are fine", () => {
    expect(passwordProblem("kettle orbit maple lantern")).toBeNull();
  });

  it(`needs ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters`, () => {
    expect(passwordProblem("a".repeat(PASSWORD_MIN_LENGTH - 1))).toMatch(/at least 8/);
    expect(passwordProblem("x7!".repeat(100))).toMatch(/at most 256/);
  });

  it("counts characters, not bytes: 8 emoji are 8 characters", () => {
    expect(passwordProblem("🦊🐙🦉🐝🦀🐢🦋🐳") ?? "").not.toMatch(/at least/);
  });

  it("refuses a password made of the user's own email or name", () => {
    expect(passwordProblem("alice.liddell", ["alice.liddell@example.com", "Alice Liddell"])).not.toBeNull();
  });

  it("normalises with NFKC and never trims", () => {
    expect(normalizePassword("ｐａｓｓ")).toBe("pass");
    expect(normalizePassword("  spaced  ")).toBe("  spaced  ");
  });
});
