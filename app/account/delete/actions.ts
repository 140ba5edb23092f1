"use server";

import { redirect } from "next/navigation";
import { deleteAccount } from "@/lib/account/delete";
import { requestContext } from "@/lib/auth/request-metadata";
import { clearSessionCookie, requireUser } from "@/lib/auth/session";
import { fieldErrors, pickFields, type FormState } from "@/lib/forms";
import { DeleteAccountSchema } from "@/lib/validation/account";

export async function deleteAccountAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1. The password is checked under the sign-in lockout (in deleteAccount, ASVS 6.3.1). 2. Authorise.
  const session = await requireUser();
  // 3. Parse the password only.
  const parsed = DeleteAccountSchema.safeParse(pickFields(formData, ["password"]));
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrors(parsed.error) };
  // 4. One domain call: it checks the password again and deletes everything with the user.
  const result = await deleteAccount(session.userId, parsed.data.password, (await requestContext()).ip);
  if (result.status === "limited") return { status: "error", message: result.message };
  if (result.status === "wrong-password") return { status: "error", fieldErrors: { password: "Your password is not correct." } };
  if (result.status === "last-admin") {
    return { status: "error", message: "You are the only administrator. Make someone else an administrator before deleting your account." };
  }
  // 5. The session row went with the user; the cookie goes too.
  await clearSessionCookie();
  redirect("/?deleted=1");
}
