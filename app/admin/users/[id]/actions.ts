"use server";

import { redirect } from "next/navigation";
import {
  deleteUser,
  resetUserFactors,
  revokeUserSession,
  sendPasswordReset,
  setUserDisabled,
  setUserRole,
  signOutEverywhere,
  type AdminActionResult,
  type AdminContext,
} from "@/lib/admin/actions";
import type { Actor } from "@/lib/admin/audit";
import type { AdminError, AdminNotice } from "@/lib/admin/messages";
import { requireAdmin } from "@/lib/auth/session";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { pickFields } from "@/lib/forms";
import { checkAdminAction } from "@/lib/rate-limit";
import { DeleteUserSchema, SessionTargetSchema, UserTargetSchema } from "@/lib/validation/admin";
import type { ConfirmKey } from "./confirm-keys";

// The admin's actions on a user's page. Each reads as the five steps of every server action (2 before 1:
// the limit is per admin). requireAdmin() runs here again, whatever the page or the middleware
// did: a server action is a public endpoint that anyone can POST to. It also applies
// REQUIRE_ADMIN_2FA, which the layout cannot do for actions (they do not render it).
//
// Every outcome is a redirect (post/redirect/get): success to the user's page with a notice,
// refusal back to the question with the reason. The page renders both from a whitelisted key in
// the URL, so they read the same with or without JavaScript, and survive a reload; no form state
// has to be carried into hydration.

type Begun = { actor: Actor; context: AdminContext; limited: boolean };

async function begin(): Promise<Begun> {
  // 2. authorise: anyone else gets the 403 page and nothing runs.
  const session = await requireAdmin();
  // 1. rate-limit.
  const limit = await checkAdminAction(session.userId);
  const { ip } = await requestMetadata("admin");
  return { actor: { id: session.userId, email: session.user.email }, context: { ip }, limited: !limit.ok };
}

const userPage = (userId: string) => `/admin/users/${encodeURIComponent(userId)}`;

function refuse(userId: string, error: AdminError, confirm?: ConfirmKey): never {
  if (error === "not-found") redirect(`/admin/users?error=not-found`);
  redirect(confirm ? `${userPage(userId)}?confirm=${confirm}&error=${error}#confirm` : `${userPage(userId)}?error=${error}`);
}

/** 5. after the lib call: to the user's page with a notice, or back to the question with the reason. */
function finish(result: AdminActionResult | { status: "no-session" }, userId: string, notice: AdminNotice, confirm?: ConfirmKey): never {
  switch (result.status) {
    case "done":
      redirect(`${userPage(userId)}?done=${notice}`);
    case "unchanged":
      redirect(`${userPage(userId)}?done=unchanged`);
    case "limited":
      refuse(userId, "reset-limited", confirm);
    default:
      refuse(userId, result.status, confirm);
  }
}

/** 3. parse: the one field these forms have; anything else posted is ignored. */
function targetOf(formData: FormData): string {
  const parsed = UserTargetSchema.safeParse(pickFields(formData, ["userId"]));
  if (!parsed.success) redirect("/admin/users?error=not-found");
  return parsed.data.userId;
}

export async function makeAdminAction(formData: FormData): Promise<void> {
  const { actor, context, limited } = await begin();
  const userId = targetOf(formData);
  if (limited) refuse(userId, "limited", "promote");
  // 4. one domain call.
  finish(await setUserRole(actor, userId, "ADMIN", context), userId, "promoted", "promote");
}

export async function removeAdminAction(formData: FormData): Promise<void> {
  const { actor, context, limited } = await begin();
  const userId = targetOf(formData);
  if (limited) refuse(userId, "limited", "demote");
  const result = await setUserRole(actor, userId, "USER", context);
  // Demoting yourself ends your access to these pages: go to your account instead.
  if (result.status === "done" && userId === actor.id) redirect("/account");
  finish(result, userId, "demoted", "demote");
}

export async function disableUserAction(formData: FormData): Promise<void> {
  const { actor, context, limited } = await begin();
  const userId = targetOf(formData);
  if (limited) refuse(userId, "limited", "disable");
  finish(await setUserDisabled(actor, userId, true, context), userId, "disabled", "disable");
}

export async function enableUserAction(formData: FormData): Promise<void> {
  const { actor, context, limited } = await begin();
  const userId = targetOf(formData);
  if (limited) refuse(userId, "limited", "enable");
  finish(await setUserDisabled(actor, userId, false, context), userId, "enabled", "enable");
}

export async function signOutEverywhereAction(formData: FormData): Promise<void> {
  const { actor, context, limited } = await begin();
  const userId = targetOf(formData);
  if (limited) refuse(userId, "limited", "sign-out");
  finish(await signOutEverywhere(actor, userId, context), userId, "signed-out", "sign-out");
}

export async function sendPasswordResetAction(formData: FormData): Promise<void> {
  const { actor, context, limited } = await begin();
  const userId = targetOf(formData);
  if (limited) refuse(userId, "limited", "reset");
  finish(await sendPasswordReset(actor, userId, context), userId, "reset-sent", "reset");
}

export async function resetFactorsAction(formData: FormData): Promise<void> {
  const { actor, context, limited } = await begin();
  const userId = targetOf(formData);
  if (limited) refuse(userId, "limited", "factors");
  finish(await resetUserFactors(actor, userId, context), userId, "factors-reset", "factors");
}

export async function revokeSessionAction(formData: FormData): Promise<void> {
  const { actor, context, limited } = await begin();
  const parsed = SessionTargetSchema.safeParse(pickFields(formData, ["userId", "sessionId"]));
  if (!parsed.success) redirect("/admin/users?error=not-found");
  const { userId, sessionId } = parsed.data;
  if (limited) refuse(userId, "limited");
  finish(await revokeUserSession(actor, userId, sessionId, context), userId, "session-revoked");
}

export async function deleteUserAction(formData: FormData): Promise<void> {
  const { actor, context, limited } = await begin();
  const userId = targetOf(formData);
  if (limited) refuse(userId, "limited", "delete");
  const parsed = DeleteUserSchema.safeParse(pickFields(formData, ["userId", "confirmEmail"]));
  if (!parsed.success) refuse(userId, "mismatch", "delete");
  const result = await deleteUser(actor, userId, parsed.data.confirmEmail, context);
  if (result.status === "done") redirect(userId === actor.id ? "/" : "/admin/users?done=deleted");
  finish(result, userId, "deleted", "delete");
}
