import "server-only";
import { db } from "@/lib/db";
import { describeEvent } from "@/lib/audit";

// "Download my data" (GDPR art. 15/20): what we hold about a person, as JSON. Every query selects
// its columns explicitly, so secrets (password hash, session and emailed-token hashes, OAuth
// tokens) can never slip in when the schema grows.

export async function exportAccountData(userId: string) {
  const [profile, sessions, securityEvents, emailedLinks, linkedAccounts] = await Promise.all([
    db.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        name: true,
        email: true,
        emailVerified: true,
        image: true,
        role: true,
        disabledAt: true,
        createdAt: true,
        updatedAt: true,
        lastSignInAt: true,
      },
    }),
    db.session.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true, lastActiveAt: true, expires: true, remember: true, method: true, ip: true, userAgent: true },
    }),
    db.securityEvent.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { type: true, createdAt: true, ip: true, userAgent: true, detail: true },
    }),
    db.authToken.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { purpose: true, email: true, createdAt: true, expiresAt: true, usedAt: true },
    }),
    db.account.findMany({ where: { userId }, select: { provider: true, type: true } }),
  ]);
  if (!profile) return null;
  return {
    exportedAt: new Date().toISOString(),
    profile,
    sessions,
    securityEvents: securityEvents.map((event) => ({ ...event, label: describeEvent(event.type) })),
    emailedLinks,
    linkedAccounts,
  };
}

export type AccountExport = NonNullable<Awaited<ReturnType<typeof exportAccountData>>>;
