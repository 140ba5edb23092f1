"use client";

import { useActionState } from "react";
import { changePasswordAction } from "./actions";
import { Field } from "@/components/ui/field";
import { NewPasswordFields } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms";

export function PasswordForm() {
  const [state, action] = useActionState(changePasswordAction, initialFormState);
  return (
    <form action={action} className="max-w-md space-y-5" noValidate>
      <FormMessage state={state} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={state.fieldErrors?.currentPassword} />
      <NewPasswordFields state={state} labels={["New password", "Confirm new password"]} names={["newPassword", "confirmPassword"]} />
      <SubmitButton pendingLabel="Changing password…">Change password</SubmitButton>
    </form>
  );
}
