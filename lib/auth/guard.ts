// What middleware.ts guards, shared with the pages that check again.
export const PROTECTED_PREFIXES = ["/account", "/admin"] as const;
/** Request header middleware sets to the requested path (overwriting any client value). */
export const PATH_HEADER = "x-accounts-path";

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export function isAdminPath(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/");
}
/**
 * Request header carrying the session middleware.ts validated for this request (JSON and a MAC,
 * lib/auth/session-header.ts), so pages do not look it up a second time. Middleware replaces any
 * client value on the requests it sees; on the others, pages refuse a value it did not sign.
 */
export const SESSION_HEADER = "x-accounts-session";
