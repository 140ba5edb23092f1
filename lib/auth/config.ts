import "server-only";
import type { NextAuthConfig } from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { randomBytes } from "node:crypto";
import { appOrigin, env } from "@/lib/env";
import { sessionAdapter } from "@/lib/auth/adapter";
import { authJsCookies } from "@/lib/auth/cookies";
import { SESSION_ABSOLUTE_MS } from "@/lib/auth/session-policy";
import { sendMailAfterResponse } from "@/lib/mail";
import { mailTemplates } from "@/lib/mail/templates";
import { db } from "@/lib/db";
import { normalizeEmail } from "@/lib/validation/email";
import { beginSecondStep, TWO_STEP_PATH } from "@/lib/auth/two-step";
import { PATH_HEADER } from "@/lib/auth/guard";
import { headers } from "next/headers";
import { DEFAULT_SIGNED_IN_PATH } from "@/lib/redirect";
import { claimUnconfirmedAccount } from "@/lib/auth/account-claim";
import { requestContext } from "@/lib/auth/request-metadata";

/** The callbackUrl of the link being followed (middleware passes the path and query on). */
async function linkCallbackUrl(): Promise<string> {
  const path = (await headers()).get(PATH_HEADER) ?? "";
  const target = new URL(path, "http://link.invalid").searchParams.get("callbackUrl");
  if (!target) return DEFAULT_SIGNED_IN_PATH;
  // Auth.js puts an absolute URL on our own origin in the link; keep its path (safeRedirect checks it).
  try {
    const url = new URL(target, appOrigin());
    return url.origin === appOrigin() ? `${url.pathname}${url.search}${url.hash}` : DEFAULT_SIGNED_IN_PATH;
  } catch {
    return DEFAULT_SIGNED_IN_PATH;
  }
}

// Auth.js owns /api/auth/* and the emailed sign-in link (Nodemailer provider). Password sign-in is
// a server action that creates the same database session itself (lib/auth/sessions.ts): Auth.js's
// Credentials provider does not support database sessions (with database sessions it logs UnsupportedStrategy and signs nobody in).
export function authConfig(): NextAuthConfig {
  const config = env();
  return {
    secret: config.AUTH_SECRET,
    // next-auth rewrites every request's origin to AUTH_URL (required in production), so the Host
    // and X-Forwarded-Host headers never decide a link; trusting the host is then safe.
    trustHost: true,
    adapter: sessionAdapter(),
    session: {
      strategy: "database",
      maxAge: SESSION_ABSOLUTE_MS / 1000,
      generateSessionToken: () => randomBytes(32).toString("base64url"),
    },
    cookies: authJsCookies(),
    callbacks: {
      // Backstop for lib/auth/email-link.ts: a link is only ever sent to, and only ever signs in,
      // an existing account that is not disabled.
      async signIn({ user, email }) {
        if (!user.email) return false;
        const account = await db.user.findUnique({
          where: { email: normalizeEmail(user.email) },
          select: { id: true, disabledAt: true, totpEnabledAt: true, emailVerified: true },
        });
        if (!account || account.disabledAt) return false;
        if (email?.verificationRequest) return true;
        // A followed link proves the address: an unconfirmed account is claimed by its owner here,
        // before the second-step check (a claimed account has no factors left) and before Auth.js
        // creates the session (the claim ends every session there was), lib/auth/account-claim.ts.
        const claimed = !account.emailVerified && (await claimUnconfirmedAccount(account.id, "email-link", await requestContext()));
        // A followed link is the first factor only for accounts with two-step sign-in: no session
        // yet, the browser goes on to the authentication code (lib/auth/two-step.ts).
        if (!claimed && account.totpEnabledAt) {
          await beginSecondStep({ userId: account.id, method: "email", remember: false, callbackUrl: await linkCallbackUrl() });
          return TWO_STEP_PATH;
        }
        return true;
      },
    },
    pages: { signIn: "/login", verifyRequest: "/login?sent=1", error: "/login" },
    providers: [
      Nodemailer({
        // Messages go through lib/mail; Auth.js only needs a transport description here.
        server: config.SMTP_URL ?? { jsonTransport: true },
        from: config.MAIL_FROM,
        maxAge: 15 * 60,
        normalizeIdentifier: normalizeEmail,
        sendVerificationRequest({ identifier, url }) {
          sendMailAfterResponse(mailTemplates.signInLink(identifier, url));
        },
      }),
    ],
  };
}
