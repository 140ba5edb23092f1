"use client";

import { useActionState } from "react";
import { registerAction } from "./actions";
import { Field } from "@/components/ui/field";
import { EmailField, NewPasswordFields } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms";

export function RegisterForm() {
  const [state, action] = useActionState(registerAction, initialFormState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <EmailField state={state} />
      <NewPasswordFields state={state} labels={["Password", "Confirm password"]} names={["password", "confirmPassword"]} />
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </form>
  );
}
