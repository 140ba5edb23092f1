import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { newPasswordErrors } from "@/lib/validation/auth";
import { EmailSchema } from "@/lib/validation/email";
import { CLI_ACTOR, recordAdminAction, type Actor } from "@/lib/admin/audit";

export type CreateUserInput = { email: string; name: string; password: string; admin: boolean };

/**
 * Creates a confirmed user from the operator's CLI, with its audit entry in the same transaction.
 * Throws an Error with a plain message.
 */
export async function createConfirmedUser(input: CreateUserInput, actor: Actor = CLI_ACTOR) {
  const email = EmailSchema.safeParse(input.email);
  if (!email.success) throw new Error(`--email: ${email.error.issues[0]?.message}`);
  const name = input.name.trim();
  if (!name || name.length > 100) throw new Error("--name: give a name of 1 to 100 characters.");
  const problems = newPasswordErrors(input.password, input.password, [email.data, name]);
  if (problems?.password) throw new Error(`password: ${problems.password}`);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: email.data, name, passwordHash, role: input.admin ? "ADMIN" : "USER", emailVerified: new Date() },
        select: { id: true, email: true, role: true },
      });
      await recordAdminAction(
        { actor, action: "user.create", target: user, after: { name, role: user.role, confirmed: true } },
        tx,
      );
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new Error(`An account with the email ${email.data} already exists.`);
    }
    throw error;
  }
}
