import { z } from "zod";
import { EmailSchema } from "@/lib/validation/email";
import { PASSWORD_MAX_LENGTH, passwordLength, passwordProblem } from "@/lib/auth/password-policy";
import { INVALID_CREDENTIALS } from "@/lib/auth/messages";

// Form schemas. Fields are picked explicitly from FormData by the actions, so anything extra a
// client posts (role=admin, …) never reaches them.

export const NameSchema = z
  .string({ error: "Enter your name." })
  .transform((name) => name.trim().normalize("NFKC").replace(/\s+/g, " "))
  .pipe(z.string().min(1, "Enter your name.").max(100, "Use a name of at most 100 characters."));

/** A password as typed at sign-in: never trimmed; only bounded so huge posts are cheap to refuse. */
const PresentedPasswordSchema = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .refine((p) => passwordLength(p) <= PASSWORD_MAX_LENGTH, INVALID_CREDENTIALS);

const newPassword = (fieldLabel: string) =>
  z.string({ error: `Enter a ${fieldLabel}.` }).min(1, `Enter a ${fieldLabel}.`);

/**
 * The policy check for a new password and its confirmation. `context` is the user's own name and
 * email, which make a password guessable. Returns null when both are fine.
 */
export function newPasswordErrors(
  password: string,
  confirmation: string,
  context: string[],
): { password?: string; confirmPassword?: string } | null {
  const problem = passwordProblem(password, context);
  if (problem) return { password: problem };
  if (password !== confirmation) return { confirmPassword: "The passwords do not match." };
  return null;
}

export const RegisterSchema = z
  .object({
    name: NameSchema,
    email: EmailSchema,
    password: newPassword("password"),
    confirmPassword: z.string(),
  })
  .superRefine((input, ctx) => {
    const errors = newPasswordErrors(input.password, input.confirmPassword, [input.email, input.name]);
    if (errors?.password) ctx.addIssue({ code: "custom", path: ["password"], message: errors.password });
    if (errors?.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: errors.confirmPassword });
  });
export type RegisterInput = z.infer<typeof RegisterSchema>;

export const LoginSchema = z.object({
  email: EmailSchema,
  password: PresentedPasswordSchema,
  remember: z.boolean(),
});
export type LoginInput = z.infer<typeof LoginSchema>;

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
  newPassword: newPassword("new password"),
  confirmPassword: z.string(),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

export const ResetPasswordSchema = z.object({
  token: z.string().min(1).max(200),
  password: newPassword("new password"),
  confirmPassword: z.string(),
});
export type ResetPasswordInput = z.infer<typeof ResetPasswordSchema>;

export const ChangeEmailSchema = z.object({
  email: EmailSchema,
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
});
export type ChangeEmailInput = z.infer<typeof ChangeEmailSchema>;
