/** Where a signed-in user lands when no (safe) destination was asked for. */
export const DEFAULT_SIGNED_IN_PATH = "/account";

/**
 * Keeps only same-origin paths (ASVS 3.7.2 / open redirects): the target is resolved against a
 * placeholder origin the way a browser would, so `//evil.com`, `/\evil.com`, `https://evil.com`
 * and `javascript:` all resolve elsewhere and fall back to `fallback`.
 */
export function safeRedirect(target: unknown, fallback: string = DEFAULT_SIGNED_IN_PATH): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return fallback;
  if (!target.startsWith("/")) return fallback;
  const base = "http://app.invalid";
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Never send a signed-in user back into the sign-in pages themselves.
  if (/^\/(login|register)(\/|$|\?)/.test(path)) return fallback;
  return path;
}
