import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { findSession, hashSessionToken } from "@/lib/auth/sessions";
import { SESSION_ABSOLUTE_MS } from "@/lib/auth/session-policy";
import { clientIp, userAgent } from "@/lib/request";
import { recordSignIn } from "@/lib/auth/new-device";

// Auth.js's Prisma adapter, with sessions stored the way the rest of the app stores them: the
// token's SHA-256 only, plus the device metadata, and validated by the same rules (lib/auth/sessions.ts).
export function sessionAdapter(): Adapter {
  const base = PrismaAdapter(db);
  return {
    ...base,
    async createSession({ sessionToken, userId }) {
      const requestHeaders = await headers();
      const context = { ip: clientIp(requestHeaders), userAgent: userAgent(requestHeaders) };
      const now = new Date();
      const expires = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
      await db.$transaction([
        db.session.create({
          data: {
            sessionToken: hashSessionToken(sessionToken),
            userId,
            expires,
            ...context,
            method: "email",
          },
        }),
        db.user.update({ where: { id: userId }, data: { lastSignInAt: now } }),
      ]);
      await recordSignIn(userId, context, { method: "email" });
      return { sessionToken, userId, expires };
    },
    async getSessionAndUser(sessionToken) {
      const session = await findSession(sessionToken);
      if (!session) return null;
      const { user } = session;
      return {
        session: { sessionToken, userId: session.userId, expires: session.expires },
        user: { id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerified },
      };
    },
    // A link whose address was cut off is simply not valid (Auth.js then lands on the sign-in
    // page), not an adapter error with a stack trace in the log.
    async useVerificationToken(params) {
      return params.identifier ? base.useVerificationToken!(params) : null;
    },
    // Expiry slides only in middleware (lib/auth/sessions.ts touchSession), never via Auth.js.
    async updateSession(session) {
      return session as never;
    },
    async deleteSession(sessionToken) {
      await db.session.deleteMany({ where: { sessionToken: hashSessionToken(sessionToken) } });
    },
  };
}
