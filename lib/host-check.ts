import { isIP } from "node:net";

// AUTH_TRUST_HOST: who vouches for the Host header. false (the default, the app reached directly):
// the app itself answers only for AUTH_URL's hostname, so a DNS-rebinding page or a forged Host
// cannot make it serve (and set cookies) under another name. true (behind a reverse proxy or a
// PaaS router that sets Host): the proxy decides which names reach the app, and the app does not
// look. Either way every link and redirect uses AUTH_URL, never the request's Host.

function isLoopback(hostname: string): boolean {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare) === 4) return bare.startsWith("127.");
  return bare === "::1";
}

/** The hostname of a Host header value (`example.com:8443`, `[::1]:3000`), or null when it is not one. */
function hostnameOf(host: string): string | null {
  try {
    const url = new URL(`http://${host}`);
    // A Host header is a host and an optional port, nothing else.
    if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return null;
    return url.hostname.replace(/\.$/, "");
  } catch {
    return null;
  }
}

/**
 * True when a request names a host this app does not answer for: only while AUTH_TRUST_HOST is
 * false, and only for another hostname than AUTH_URL's (the port may differ, e.g. behind a port
 * mapping). Loopback names count as one host, so `localhost` and `127.0.0.1` stay interchangeable
 * on a developer's machine. A request with no Host header (HTTP/1.0) has nothing to check.
 */
export function isMisdirectedHost(host: string | null, publicOrigin: string, trustHost: boolean): boolean {
  if (trustHost || !host) return false;
  const expected = new URL(publicOrigin).hostname.replace(/\.$/, "");
  const actual = hostnameOf(host.trim().toLowerCase());
  if (actual === null) return true;
  if (actual === expected) return false;
  return !(isLoopback(actual) && isLoopback(expected));
}
