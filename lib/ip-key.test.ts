import { describe, expect, it } from "vitest";
import { rateLimitIp } from "./ip-key";

describe("rate-limit key of a client IP", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(rateLimitIp("192.0.2.7")).toBe("192.0.2.7");
    expect(rateLimitIp(" 192.0.2.7 ")).toBe("192.0.2.7");
  });

  it("keys every address of one IPv6 /64 alike, whatever the written form", () => {
    const net = "2001:db8:0:1::/64";
    for (const address of [
      "2001:db8:0:1::1",
      "2001:db8:0:1::2",
      "2001:db8:0:1:ffff:ffff:ffff:ffff",
      "2001:0db8:0000:0001:0000:0000:0000:0003",
      "2001:DB8:0:1::A",
      "[2001:db8:0:1::1]",
      "2001:db8:0:1::1%eth0",
      "2001:db8:0:1::9%25en0",
      "2001:db8:0:1:0:0:192.0.2.1",
    ]) {
      expect(rateLimitIp(address), address).toBe(net);
    }
  });

  it("keeps different /64s apart", () => {
    expect(rateLimitIp("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitIp("2001:db8:0:2::1")).toBe("2001:db8:0:2::/64");
    expect(rateLimitIp("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitIp("2001:db8:1::")).toBe("2001:db8:1:0::/64");
  });

  it("counts an IPv4-mapped IPv6 address as the IPv4 address", () => {
    expect(rateLimitIp("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(rateLimitIp("::FFFF:c000:0207")).toBe("192.0.2.7");
    expect(rateLimitIp("0:0:0:0:0:ffff:192.0.2.7")).toBe("192.0.2.7");
  });

  it("leaves anything that is not an address unchanged", () => {
    for (const value of ["unknown", "", "2001:db8::g", "1.2.3.4.5", "not an ip"]) expect(rateLimitIp(value)).toBe(value);
  });
});
