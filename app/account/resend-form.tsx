"use client";

import { useActionState } from "react";
import { resendConfirmationAction } from "./actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms";

export function ResendConfirmationForm() {
  const [state, action] = useActionState(resendConfirmationAction, initialFormState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Resend confirmation email
      </SubmitButton>
    </form>
  );
}
