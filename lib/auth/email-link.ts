import "server-only";
import { db } from "@/lib/db";
import { authJsSignIn } from "@/lib/auth";
import { errorMessage, requestLog } from "@/lib/log";

/**
 * Emails a sign-in link (Auth.js email provider) to an existing, enabled account. Unknown
 * addresses get nothing and the caller shows the same answer: links never create accounts.
 */
export async function requestSignInLink(email: string, redirectTo: string): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { disabledAt: true } });
  if (!user || user.disabledAt) return;
  try {
    await authJsSignIn("nodemailer", { email, redirectTo, redirect: false });
  } catch (error) {
    (await requestLog()).error({ err: errorMessage(error) }, "sign-in link: could not send");
  }
}
