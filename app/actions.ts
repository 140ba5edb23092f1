"use server";

import { redirect } from "next/navigation";
import { clearSessionCookie, currentSessionToken } from "@/lib/auth/session";
import { deleteSessionByToken } from "@/lib/auth/sessions";

/** Sign out: a POST (server action), never a GET. Deletes the session row, then the cookie. */
export async function signOutAction(): Promise<void> {
  await deleteSessionByToken(await currentSessionToken());
  await clearSessionCookie();
  redirect("/");
}
