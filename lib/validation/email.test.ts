import { describe, expect, it } from "vitest";
import { EMAIL_MAX_LENGTH, EmailSchema, normalizeEmail } from "./email";

describe("email normalisation", () => {
  it("trims, lower-cases and applies NFKC", () => {
    expect(normalizeEmail("  Alice@X.Test ")).toBe("alice@x.test");
    expect(normalizeEmail("ａｌｉｃｅ@x.test")).toBe("alice@x.test");
  });

  it("treats differently typed forms of one address as the same", () => {
    expect(EmailSchema.parse("ALICE@x.test")).toBe(EmailSchema.parse("alice@X.TEST"));
  });

  it("refuses what is not an address, with a message", () => {
    const result = EmailSchema.safeParse("not-an-email");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/valid email/);
  });

  it(`refuses addresses longer than ${EMAIL_MAX_LENGTH} characters`, () => {
    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.test`;
    expect(long.length).toBeGreaterThan(EMAIL_MAX_LENGTH);
    expect(EmailSchema.safeParse(long).success).toBe(false);
  });
});
