"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { requestContext } from "@/lib/auth/request-metadata";
import { inSudoMode, requireSudo, sudoRefusal } from "@/lib/auth/sudo";
import { SUDO_EXPIRED } from "@/lib/auth/messages";
import { beginTotpSetup, cancelTotpSetup, confirmTotpSetup, disableTotp } from "@/lib/auth/totp";
import { replaceRecoveryCodes } from "@/lib/auth/recovery-codes";
import { recordSecurityEvent } from "@/lib/audit";
import { notifySignInSecurityChange } from "@/lib/auth/email-flows";
import { pickFields, type FormState } from "@/lib/forms";
import { SudoPasswordSchema } from "@/lib/validation/account";

/** The authenticator-app form's state: recovery codes only right after they are made, once. */
export type TotpFormState = FormState & { recoveryCodes?: string[] };

const CodeSchema = z.string().trim().min(1, "Enter the code from your app.").max(16, "Enter the 6-digit code from your app.");

/** One action for the section's buttons (intent), so the new recovery codes survive the re-render. */
export async function totpAction(_previous: TotpFormState, formData: FormData): Promise<TotpFormState> {
  // 1. No rate limit for setup (a signed-in session is needed); password checks are limited below.
  // 2. Authorise.
  const session = await requireUser();
  const context = await requestContext();
  const intent = formData.get("intent");
  const done = (state: TotpFormState) => {
    revalidatePath("/account/security");
    return state;
  };

  if (intent === "dismiss") return done({ status: "idle" });
  if (intent === "cancel") {
    await cancelTotpSetup(session.userId);
    return done({ status: "idle" });
  }
  if (intent === "confirm") {
    // 3. Parse the one field.
    const code = CodeSchema.safeParse(pickFields(formData, ["code"]).code);
    if (!code.success) return { status: "error", fieldErrors: { code: code.error.issues[0]!.message } };
    // Sudo mode again, whatever the page showed: the setup may have been started by another session.
    if (!(await inSudoMode(session.id))) return done({ status: "error", message: SUDO_EXPIRED });
    // 4. One domain call.
    const result = await confirmTotpSetup(session.userId, code.data);
    if (result.status === "wrong-code") {
      return { status: "error", fieldErrors: { code: "That code is not right. Check the time on your phone and try the newest code." } };
    }
    if (result.status === "no-setup") return done({ status: "error", message: "Start the setup again: it was cancelled or finished in another tab." });
    // 5. Recorded, the owner told, the codes shown this once.
    await recordSecurityEvent(session.userId, "TOTP_ENABLED", context);
    await notifySignInSecurityChange(session.userId, session.user.email, "totp-enabled");
    return done({ status: "success", message: "Two-step sign-in is on.", recoveryCodes: result.recoveryCodes });
  }
  if (intent === "begin" || intent === "regenerate" || intent === "disable") {
    // 3. The password, needed unless this session confirmed it within the sudo window; a wrong one
    // shows no key and counts toward the sign-in lockout.
    const password = SudoPasswordSchema.safeParse(pickFields(formData, ["password"]));
    if (!password.success) return { status: "error", fieldErrors: { password: password.error.issues[0]!.message } };
    const sudo = await requireSudo(session, password.data.password, context.ip);
    if (sudo.status !== "ok") {
      const refusal = sudoRefusal(sudo);
      return done({ status: "error", message: refusal.message, fieldErrors: refusal.field ? { password: refusal.field } : undefined });
    }
    // 4. One domain call each.
    if (intent === "begin") {
      await beginTotpSetup(session.userId);
      return done({ status: "idle" });
    }
    if (intent === "disable") {
      await disableTotp(session.userId);
      await recordSecurityEvent(session.userId, "TOTP_DISABLED", context);
      await notifySignInSecurityChange(session.userId, session.user.email, "totp-disabled");
      return done({ status: "success", message: "Two-step sign-in is off." });
    }
    const recoveryCodes = await replaceRecoveryCodes(session.userId);
    await recordSecurityEvent(session.userId, "RECOVERY_CODES_REGENERATED", context);
    await notifySignInSecurityChange(session.userId, session.user.email, "recovery-codes-regenerated");
    return done({ status: "success", message: "New recovery codes are ready. The old ones no longer work.", recoveryCodes });
  }
  return { status: "error", message: "Something went wrong. Reload the page and try again." };
}
