"use server";

import { redirect } from "next/navigation";
import { clearSessionCookie, currentSessionToken, getCurrentSession } from "@/lib/auth/session";
import { recordSecurityEvent } from "@/lib/audit";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { deleteSessionByToken } from "@/lib/auth/sessions";

/** Sign out: a POST (server action), never a GET. Deletes the session row, then the cookie. */
export async function signOutAction(): Promise<void> {
  const session = await getCurrentSession();
  await deleteSessionByToken(await currentSessionToken());
  if (session) await recordSecurityEvent(session.userId, "SIGN_OUT", await requestMetadata("password"));
  await clearSessionCookie();
  redirect("/");
}
