import "server-only";
import { db } from "@/lib/db";

export const USERS_PAGE_SIZE = 50;

/** The newest users first, one page at a time. */
export async function listUsers(page: number) {
  const skip = Math.max(0, page - 1) * USERS_PAGE_SIZE;
  const [users, total] = await Promise.all([
    db.user.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip,
      take: USERS_PAGE_SIZE,
      select: { id: true, email: true, name: true, role: true, createdAt: true, emailVerified: true, disabledAt: true },
    }),
    db.user.count(),
  ]);
  return { users, total, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}
