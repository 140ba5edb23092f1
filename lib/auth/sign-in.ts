import "server-only";
import { createSession, sessionFactors } from "@/lib/auth/sessions";
import { currentSessionToken, setSessionCookie } from "@/lib/auth/session";
import { deleteSessionByToken } from "@/lib/auth/sessions";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { recordSignIn } from "@/lib/auth/new-device";
import type { SecondFactor } from "@/lib/auth/two-step";

/**
 * Starts a session for a user who just proved who they are: any session the browser carried
 * before is ended, and a new row and a new cookie value are made (ASVS 7.2.4, no fixation). The
 * row records how strong the sign-in was (sessionFactors): `secondFactor` is the code that
 * followed the first factor, if any.
 */
export async function startSession(userId: string, remember: boolean, method: string, secondFactor?: SecondFactor): Promise<void> {
  await deleteSessionByToken(await currentSessionToken());
  const factors = sessionFactors(method, Boolean(secondFactor));
  const metadata = { ...(await requestMetadata(method)), factors };
  const { token, cookieExpires } = await createSession(userId, remember, metadata);
  await setSessionCookie(token, cookieExpires);
  // The timeline entry, and the new-device alert when this browser/OS + IP is new to the account.
  const detail = { method, remember, factors, ...(secondFactor ? { secondFactor } : {}) };
  await recordSignIn(userId, { ip: metadata.ip, userAgent: metadata.userAgent }, detail);
}
