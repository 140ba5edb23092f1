"use server";

import { reportNotMe } from "@/lib/auth/email-flows";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { clearSessionCookie } from "@/lib/auth/session";
import { pickFields, type FormState } from "@/lib/forms";
import { redirect } from "next/navigation";

export async function reportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // The token from the email is the authorisation; a POST, so link scanners change nothing.
  const { token } = pickFields(formData, ["token"]);
  const result = await reportNotMe(token, await requestMetadata("security-report"));
  if (result.status !== "done" && result.status !== "locked") {
    return { status: "error", message: "This link is no longer valid. Reset your password from the sign-in page to secure your account." };
  }
  await clearSessionCookie();
  // A page of its own: the link is used now, so re-rendering this one would call it invalid.
  redirect(`/security-report?done=${result.status === "locked" ? "locked" : result.restored ? "restored" : "1"}`);
}
