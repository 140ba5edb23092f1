import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Variant } from "@/components/ui/button-styles";

type Props = {
  action: (formData: FormData) => Promise<void>;
  /** Hidden fields: the ids the action needs (it checks them again on the server). */
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: Variant;
  /** For deleting: the admin must type this email address. */
  confirmEmail?: string;
  /** Why the last attempt was refused (from the URL, rendered on the server). */
  error?: string;
  /** The same, when it is about the typed email. */
  fieldError?: string;
  className?: string;
  buttonClassName?: string;
};

/** One admin action's form: a server action as the form action, so it also works without JavaScript. */
export function AdminActionForm({ action, fields, label, pendingLabel, variant = "primary", confirmEmail, error, fieldError, className, buttonClassName }: Props) {
  return (
    <form action={action} className={className ?? "space-y-4"} noValidate>
      {error ? <FormMessage state={{ status: "error", message: error }} /> : null}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirmEmail ? (
        <Field
          label="Type the user's email address to confirm"
          name="confirmEmail"
          type="text"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          hint={`Type ${confirmEmail} exactly.`}
          error={fieldError}
          autoFocus={Boolean(fieldError)}
        />
      ) : null}
      <SubmitButton variant={variant} pendingLabel={pendingLabel} className={buttonClassName}>
        {label}
      </SubmitButton>
    </form>
  );
}
