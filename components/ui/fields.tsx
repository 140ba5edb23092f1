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

/** The 6-digit code from an authenticator app (the sign-in step and the setup on /account/security). */
export function AuthenticationCodeField({ error, autoFocus }: { error?: string; autoFocus?: boolean }) {
  return (
    <Field
      label="Authentication code"
      name="code"
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9 ]*"
      maxLength={7}
      autoFocus={autoFocus}
      required
      className="font-mono tracking-[0.3em]"
      error={error}
    />
  );
}

/** A recovery code (the sign-in's second step and the step-up page). */
export function RecoveryCodeField({ error, autoFocus }: { error?: string; autoFocus?: boolean }) {
  return (
    <Field
      label="Recovery code"
      name="code"
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      autoFocus={autoFocus}
      required
      className="font-mono"
      hint="For example: abcd-efgh-ijkl-mnop-qrst-uvwx"
      error={error}
    />
  );
}
