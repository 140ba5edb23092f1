import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isCrossSiteWrite } from "./security-headers";

const headers = (values: Record<string, string>) => new Headers(values);
const app = "https://accounts.example.com";

describe("isCrossSiteWrite", () => {
  it("refuses a POST from another origin", () => {
    expect(isCrossSiteWrite("POST", headers({ origin: "https://evil.example" }), app, app)).toBe(true);
    expect(isCrossSiteWrite("POST", headers({ origin: "null" }), app, app)).toBe(true);
    expect(isCrossSiteWrite("DELETE", headers({ "sec-fetch-site": "cross-site" }), app, app)).toBe(true);
    expect(isCrossSiteWrite("POST", headers({ "sec-fetch-site": "same-site" }), app, app)).toBe(true);
  });

  it("allows same-origin writes, reads, and clients that send neither header", () => {
    expect(isCrossSiteWrite("POST", headers({ origin: app }), app, "http://127.0.0.1:3000")).toBe(false);
    expect(isCrossSiteWrite("POST", headers({ origin: "http://127.0.0.1:3000" }), app, "http://127.0.0.1:3000")).toBe(false);
    expect(isCrossSiteWrite("GET", headers({ origin: "https://evil.example" }), app, app)).toBe(false);
    expect(isCrossSiteWrite("POST", headers({}), app, app)).toBe(false);
    expect(isCrossSiteWrite("POST", headers({ "sec-fetch-site": "same-origin" }), app, app)).toBe(false);
  });
});

describe("contentSecurityPolicy", () => {
  it("uses the nonce, no inline scripts, and forbids framing", () => {
    const csp = contentSecurityPolicy("abc123", { development: false, https: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'self'");
  });

  it("allows eval only in development", () => {
    expect(contentSecurityPolicy("n", { development: true, https: false })).toContain("'unsafe-eval'");
  });
});
