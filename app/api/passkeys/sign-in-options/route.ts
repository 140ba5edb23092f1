import { passkeySignInOptions } from "@/lib/auth/passkeys";
import { requestContext } from "@/lib/auth/request-metadata";
import { appOrigin } from "@/lib/env";
import { checkPasskeySignIn } from "@/lib/rate-limit";
import { isCrossSiteWrite } from "@/lib/security-headers";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * POST: a passkey sign-in challenge for this browser (an HttpOnly cookie binds it) and the
 * options for navigator.credentials.get(). /login asks on every view for its conditional UI, so
 * this is a route handler rather than a server action: a server action that sets a cookie makes
 * Next render the page again, and server actions run one at a time, which would hold up "Sign in".
 */
export async function POST(request: Request): Promise<Response> {
  // Middleware already refuses cross-site writes; checked here too, at the resource.
  if (isCrossSiteWrite(request.method, request.headers, appOrigin(), new URL(request.url).origin)) {
    return new Response("Cross-site request refused.", { status: 403, headers: NO_STORE });
  }
  // 1. Per-IP limit. 2. Anyone may ask. 3. Nothing to parse.
  const limit = await checkPasskeySignIn((await requestContext()).ip);
  if (!limit.ok) {
    return Response.json(
      { status: "error", message: limit.message },
      { status: 429, headers: { ...NO_STORE, "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  // 4. One domain call.
  return Response.json({ status: "ok", options: await passkeySignInOptions() }, { headers: NO_STORE });
}
