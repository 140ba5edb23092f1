"use client";

import { useActionState } from "react";
import { secondStepAction } from "./actions";
import { AuthenticationCodeField, RecoveryCodeField } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms";

export function SecondStepForm({ factor }: { factor: "totp" | "recovery" }) {
  const [state, action] = useActionState(secondStepAction, initialFormState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="factor" value={factor} />
      {factor === "totp" ? (
        <AuthenticationCodeField autoFocus error={state.fieldErrors?.code} />
      ) : (
        <RecoveryCodeField autoFocus error={state.fieldErrors?.code} />
      )}
      <SubmitButton className="w-full" pendingLabel="Verifying…">
        Verify
      </SubmitButton>
    </form>
  );
}
