import type { z } from "zod";

// The shape every form action returns : never a password, never a raw row.
export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Non-secret values to put back in the form after an error, so nothing typed is lost. */
  values?: Record<string, string>;
};

export const initialFormState: FormState = { status: "idle" };

/** Reads the named text fields only; anything else posted (role=admin, …) is ignored. */
export function pickFields<K extends string>(formData: FormData, names: readonly K[]): Record<K, string> {
  const picked = {} as Record<K, string>;
  for (const name of names) {
    const value = formData.get(name);
    picked[name] = typeof value === "string" ? value : "";
  }
  return picked;
}

/** The first message per field, for showing next to it. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}
