import "server-only";
import { createSession } from "@/lib/auth/sessions";
import { currentSessionToken, setSessionCookie } from "@/lib/auth/session";
import { deleteSessionByToken } from "@/lib/auth/sessions";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { recordSecurityEvent } from "@/lib/audit";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Starts a session for a user who just proved who they are: any session the browser carried
 * before is ended, and a new row and a new cookie value are made (ASVS 7.2.4, no fixation).
 */
export async function startSession(
  userId: string,
  remember: boolean,
  method: string,
  /** Extra facts for the SIGN_IN event (e.g. `{ factors: 2 }` for a passkey). */
  detail: Prisma.InputJsonObject = {},
): Promise<void> {
  await deleteSessionByToken(await currentSessionToken());
  const metadata = await requestMetadata(method);
  const { token, cookieExpires } = await createSession(userId, remember, metadata);
  await setSessionCookie(token, cookieExpires);
  await recordSecurityEvent(userId, "SIGN_IN", metadata, { ...detail, method, remember });
}
