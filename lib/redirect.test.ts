import { describe, expect, it } from "vitest";
import { DEFAULT_SIGNED_IN_PATH, safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it.each([
    "//evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "https://evil.com",
    "http:/evil.com",
    "javascript:alert(1)",
    "/\t/evil.com",
    "//evil.com/%2e%2e",
    "evil.com",
    "",
    undefined,
    null,
    42,
    "/login",
    "/register?x=1",
  ])("sends %s to the default page", (target) => {
    expect(safeRedirect(target)).toBe(DEFAULT_SIGNED_IN_PATH);
  });

  it.each([
    ["/account/password", "/account/password"],
    ["/admin?page=2", "/admin?page=2"],
    ["/account#sessions", "/account#sessions"],
    ["/a/../account", "/account"],
  ])("keeps the same-origin path %s", (target, expected) => {
    expect(safeRedirect(target)).toBe(expected);
  });
});
