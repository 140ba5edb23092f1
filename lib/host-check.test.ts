import { describe, expect, it } from "vitest";
import { isMisdirectedHost } from "./host-check";

const origin = "https://accounts.example.com";

describe("AUTH_TRUST_HOST: which Host headers the app answers", () => {
  it("false: only AUTH_URL's hostname, with any port and in any case", () => {
    for (const host of ["accounts.example.com", "ACCOUNTS.example.com", "accounts.example.com:443", "accounts.example.com:8443", "accounts.example.com."]) {
      expect(isMisdirectedHost(host, origin, false), host).toBe(false);
    }
    for (const host of ["evil.example", "accounts.example.com.evil.example", "203.0.113.9", "localhost", "accounts.example.com@evil.example", "accounts.example.com/x", "a b"]) {
      expect(isMisdirectedHost(host, origin, false), host).toBe(true);
    }
  });

  it("true: the proxy in front decides, the app does not look", () => {
    for (const host of ["evil.example", "10.0.0.5:3000", "accounts.example.com"]) expect(isMisdirectedHost(host, origin, true)).toBe(false);
  });

  it("loopback names are one host on a developer's machine, but never stand in for a public one", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "app.localhost"]) {
      expect(isMisdirectedHost(host, "http://localhost:3000", false), host).toBe(false);
    }
    expect(isMisdirectedHost("evil.example", "http://localhost:3000", false)).toBe(true);
    expect(isMisdirectedHost("127.0.0.1", origin, false)).toBe(true);
  });

  it("a request without a Host header has nothing to check", () => {
    expect(isMisdirectedHost(null, origin, false)).toBe(false);
    expect(isMisdirectedHost("", origin, false)).toBe(false);
  });
});
