"use server";

import { revalidatePath } from "next/cache";
import { recordSecurityEvent } from "@/lib/audit";
import { revokeSession } from "@/lib/auth/devices";
import { requestContext } from "@/lib/auth/request-metadata";
import { requireUser } from "@/lib/auth/session";
import { revokeOtherSessions } from "@/lib/auth/sessions";
import { pickFields, type FormState } from "@/lib/forms";
import { SignOutDeviceSchema } from "@/lib/validation/account";

const NOT_SIGNED_IN = "That device is no longer signed in.";

/** "Sign out" on one row of /account/sessions. */
export async function signOutDeviceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1. No rate limit: only the caller's own rows can change. 2. Authorise.
  const session = await requireUser();
  // 3. Parse the one field; an id that is malformed, unknown or another user's gets the same answer.
  const parsed = SignOutDeviceSchema.safeParse(pickFields(formData, ["sessionId"]));
  if (!parsed.success) return { status: "error", message: NOT_SIGNED_IN };
  if (parsed.data.sessionId === session.id) {
    return { status: "error", message: "To sign out this device, use Sign out at the top of the page." };
  }
  // 4. One domain call, scoped to the caller.
  const revoked = await revokeSession(session.userId, parsed.data.sessionId);
  if (!revoked) return { status: "error", message: NOT_SIGNED_IN };
  await recordSecurityEvent(session.userId, "SESSION_REVOKED", await requestContext(), revoked);
  // 5. The list is rendered again without that row.
  revalidatePath("/account/sessions");
  return { status: "success", message: `That device (${revoked.device}) has been signed out.` };
}

/** "Sign out other devices": every session of the caller but this one ends. */
export async function signOutOtherDevicesAction(_previous: FormState): Promise<FormState> {
  const session = await requireUser();
  const ended = await revokeOtherSessions(session.userId, session.id);
  if (ended > 0) await recordSecurityEvent(session.userId, "SESSION_REVOKED", await requestContext(), { others: ended });
  revalidatePath("/account/sessions");
  if (ended === 0) return { status: "success", message: "No other device was signed in." };
  return { status: "success", message: ended === 1 ? "1 other device has been signed out." : `${ended} other devices have been signed out.` };
}
