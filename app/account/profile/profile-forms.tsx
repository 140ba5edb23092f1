"use client";

import { useActionState } from "react";
import { changeEmailAction, saveNameAction } from "./actions";
import { Field } from "@/components/ui/field";
import { EmailField } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms";

export function NameForm({ name }: { name: string }) {
  const [state, action] = useActionState(saveNameAction, initialFormState);
  return (
    <form action={action} className="max-w-md space-y-5" noValidate>
      <FormMessage state={state} />
      <Field label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name ?? name} error={state.fieldErrors?.name} />
      <SubmitButton pendingLabel="Saving…">Save name</SubmitButton>
    </form>
  );
}

export function EmailForm() {
  const [state, action] = useActionState(changeEmailAction, initialFormState);
  return (
    <form action={action} className="max-w-md space-y-5" noValidate>
      <FormMessage state={state} />
      <EmailField state={state} hint="The new address. We'll send it a confirmation link." />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={state.fieldErrors?.currentPassword} />
      <SubmitButton pendingLabel="Sending…">Change email</SubmitButton>
    </form>
  );
}
