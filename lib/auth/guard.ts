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
 * Request header carrying the session middleware.ts validated for this request (JSON), so pages
 * do not look it up a second time. Middleware sets or deletes it on every request it sees, so a
 * client can never supply it.
 */
export const SESSION_HEADER = "x-accounts-session";
