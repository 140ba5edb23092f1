"use client";

import { useActionState } from "react";
import { resetPasswordAction } from "./actions";
import { NewPasswordFields } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, initialFormState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields state={state} labels={["New password", "Confirm new password"]} names={["password", "confirmPassword"]} />
      <SubmitButton className="w-full" pendingLabel="Resetting…">
        Reset password
      </SubmitButton>
    </form>
  );
}
