import { headers } from "next/headers";
import { db } from "@/lib/db";
import { listPasskeys } from "@/lib/auth/passkeys";
import { defaultPasskeyName } from "@/lib/auth/passkey-name";
import { formatDateTime, formatShortDate } from "@/lib/format";
import { userAgent } from "@/lib/request";
import { AddPasskeyForm } from "./add-passkey-form";
import { PasskeysList } from "./passkeys-list";

/** The user's passkeys (name, added, last used, "Remove"), and "Add a passkey". */
export async function PasskeysSection({ userId }: { userId: string }) {
  const [passkeys, user, requestHeaders] = await Promise.all([
    listPasskeys(userId),
    db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }),
    headers(),
  ]);
  const rows = passkeys.map((passkey) => ({
    id: passkey.id,
    name: passkey.name,
    backedUp: passkey.backedUp,
    added: { text: formatShortDate(passkey.createdAt), iso: passkey.createdAt.toISOString() },
    lastUsed: passkey.lastUsedAt ? { text: formatDateTime(passkey.lastUsedAt), iso: passkey.lastUsedAt.toISOString() } : null,
  }));
  return (
    <div className="space-y-6">
      <PasskeysList passkeys={rows} hasPassword={Boolean(user?.passwordHash)} />
      <AddPasskeyForm defaultName={defaultPasskeyName(userAgent(requestHeaders))} />
    </div>
  );
}
