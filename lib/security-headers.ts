// The Content-Security-Policy, built per request with a fresh nonce (ASVS 3.4.3). Next.js reads
// the nonce from the request's CSP header and puts it on its own <script> tags.
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script are trusted; nothing inline without the nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * CSRF defence for every state-changing request (ASVS 3.5.1), before any route handler or server
 * action runs: a browser's cross-site POST carries an Origin (or at least Sec-Fetch-Site) that is
 * not ours. Requests with neither header come from non-browser clients, which carry no victim's
 * cookies. Same origin = the public origin (AUTH_URL) or the origin the request itself was sent to.
 */
export function isCrossSiteWrite(
  method: string,
  headers: { get(name: string): string | null },
  publicOrigin: string,
  requestOrigin: string,
): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  const origin = headers.get("origin");
  if (origin) return origin !== publicOrigin && origin !== requestOrigin;
  const site = headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}
