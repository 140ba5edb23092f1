"use client";

import { useActionState } from "react";
import { stepUpCodeAction } from "./actions";
import { AuthenticationCodeField, RecoveryCodeField } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms";

/** An authentication code or a recovery code, as at the sign-in's second step. Works without JavaScript. */
export function StepUpCodeForm({ factor, callbackUrl }: { factor: "totp" | "recovery"; callbackUrl: string }) {
  const [state, action] = useActionState(stepUpCodeAction, initialFormState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="factor" value={factor} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {factor === "totp" ? (
        <AuthenticationCodeField error={state.fieldErrors?.code} />
      ) : (
        <RecoveryCodeField error={state.fieldErrors?.code} />
      )}
      <SubmitButton className="w-full sm:w-auto" pendingLabel="Verifying…">
        Verify
      </SubmitButton>
    </form>
  );
}
