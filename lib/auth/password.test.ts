import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the same password and refuses another", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
  });

  it("keeps bytes after the 72nd significant (bcrypt's limit)", async () => {
    const prefix = "é".repeat(40); // 80 bytes of UTF-8
    const hash = await hashPassword(`${prefix}one`);
    expect(await verifyPassword(`${prefix}one`, hash)).toBe(true);
    expect(await verifyPassword(`${prefix}two`, hash)).toBe(false);
  });

  it("matches NFKC-equivalent spellings", async () => {
    const hash = await hashPassword("ｆｕｌｌｗｉｄｔｈ words here");
    expect(await verifyPassword("fullwidth words here", hash)).toBe(true);
  });
});
