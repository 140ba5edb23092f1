"use server";

import { reportNotMe } from "@/lib/auth/email-flows";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { clearSessionCookie } from "@/lib/auth/session";
import { pickFields, type FormState } from "@/lib/forms";

export async function reportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // The token from the email is the authorisation; a POST, so link scanners change nothing.
  const { token } = pickFields(formData, ["token"]);
  const result = await reportNotMe(token, await requestMetadata("security-report"));
  if (result.status !== "done") {
    return { status: "error", message: "This link is no longer valid. Reset your password from the sign-in page to secure your account." };
  }
  await clearSessionCookie();
  return {
    status: "success",
    message: "Done: your account is signed out everywhere, and we've emailed you a link to choose a new password.",
  };
}
