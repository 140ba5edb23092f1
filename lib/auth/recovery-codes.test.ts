import { describe, expect, it } from "vitest";
import { normalizeRecoveryCode } from "./recovery-codes";

describe("recovery code input", () => {
  it("ignores case, spaces and hyphens", () => {
    expect(normalizeRecoveryCode(" ABCD-efgh ijkl-MNOP-qrst-uvwx ")).toBe("abcdefghijklmnopqrstuvwx");
  });
});
