import "server-only";
import { createSession } from "@/lib/auth/sessions";
import { currentSessionToken, setSessionCookie } from "@/lib/auth/session";
import { deleteSessionByToken } from "@/lib/auth/sessions";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { recordSignIn } from "@/lib/auth/new-device";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Starts a session for a user who just proved who they are: any session the browser carried
 * before is ended, and a new row and a new cookie value are made (ASVS 7.2.4, no fixation).
 */
export async function startSession(
  userId: string,
  remember: boolean,
  method: string,
  /** More facts for the SIGN_IN event: which second factor was used, `{ factors: 2 }` for a passkey. */
  detail: Prisma.InputJsonObject = {},
): Promise<void> {
  await deleteSessionByToken(await currentSessionToken());
  const metadata = await requestMetadata(method);
  const { token, cookieExpires } = await createSession(userId, remember, metadata);
  await setSessionCookie(token, cookieExpires);
  // The timeline entry, and the new-device alert when this browser/OS + IP is new to the account.
  await recordSignIn(userId, { ip: metadata.ip, userAgent: metadata.userAgent }, { ...detail, method, remember });
}
