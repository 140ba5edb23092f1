import { Field } from "@/components/ui/field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import type { FormState } from "@/lib/forms";

// The fields several forms share, so their labels, autocomplete and hints stay the same everywhere.

export function EmailField({
  state,
  id,
  hint,
  name = "email",
  autoComplete = "email",
}: {
  state: FormState;
  id?: string;
  hint?: string;
  name?: string;
  /** "email webauthn" where the browser may offer passkeys in this field's autofill (/login). */
  autoComplete?: "email" | "email webauthn";
}) {
  return (
    <Field
      id={id}
      label="Email"
      name={name}
      type="email"
      autoComplete={autoComplete}
      inputMode="email"
      required
      hint={hint}
      defaultValue={state.values?.[name]}
      error={state.fieldErrors?.[name]}
    />
  );
}

/** A new password and its confirmation, with the policy's hint. */
export function NewPasswordFields({
  state,
  labels,
  names,
}: {
  state: FormState;
  labels: [string, string];
  names: [string, string];
}) {
  return (
    <>
      <Field
        label={labels[0]}
        name={names[0]}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong, memorable password.`}
        error={state.fieldErrors?.[names[0]]}
      />
      <Field label={labels[1]} name={names[1]} type="password" autoComplete="new-password" required error={state.fieldErrors?.[names[1]]} />
    </>
  );
}
