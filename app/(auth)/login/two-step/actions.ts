"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { completeSecondStep } from "@/lib/auth/two-step";
import { startSession } from "@/lib/auth/sign-in";
import { requestContext } from "@/lib/auth/request-metadata";
import { pickFields, type FormState } from "@/lib/forms";
import { safeRedirect } from "@/lib/redirect";
import { SECOND_STEP_EXPIRED_PATH, SECOND_STEP_WRONG } from "@/lib/auth/messages";

const SecondStepSchema = z.object({
  factor: z.enum(["totp", "recovery"]),
  code: z.string().trim().min(1, "Enter the code.").max(64, "That code is too long."),
});


export async function secondStepAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1–2. Anyone holding this browser's second-step cookie may try; the limits are applied inside
  // completeSecondStep (they need the account). 3. Parse the two fields this form has.
  const parsed = SecondStepSchema.safeParse(pickFields(formData, ["factor", "code"]));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === "factor") redirect(SECOND_STEP_EXPIRED_PATH);
    return { status: "error", fieldErrors: { code: issue?.message ?? "Enter the code." } };
  }
  const { factor, code } = parsed.data;
  // 4. One domain call.
  const result = await completeSecondStep(factor, code, await requestContext());
  if (result.status === "expired") redirect(SECOND_STEP_EXPIRED_PATH);
  if (result.status === "limited") return { status: "error", message: result.message };
  if (result.status === "wrong") {
    const left = result.attemptsLeft === 1 ? "1 try left" : `${result.attemptsLeft} tries left`;
    return { status: "error", fieldErrors: { code: `${SECOND_STEP_WRONG[factor]} ${left}.` } };
  }
  // 5. Only now does a session exist; then on to where the sign-in was going.
  const { pending } = result;
  await startSession(pending.userId, pending.remember, pending.method, factor);
  redirect(safeRedirect(pending.callbackUrl));
}
