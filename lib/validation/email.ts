import { z } from "zod";

export const EMAIL_MAX_LENGTH = 254;

/** Trim, NFKC, lower case: one address, one account, however it is typed. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFKC").toLowerCase();
}

export const EmailSchema = z
  .string({ error: "Enter your email address." })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, "Enter your email address.")
      .max(EMAIL_MAX_LENGTH, `Use an email address of at most ${EMAIL_MAX_LENGTH} characters.`)
      .pipe(z.email({ error: "Enter a valid email address, like name@example.com." })),
  );
