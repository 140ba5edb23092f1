import { headers } from "next/headers";
import { listPasskeys } from "@/lib/auth/passkeys";
import { defaultPasskeyName } from "@/lib/auth/passkey-name";
import { formatDateTime, formatShortDate } from "@/lib/format";
import { userAgent } from "@/lib/request";
import { AddPasskeyForm } from "./add-passkey-form";
import { PasskeysList } from "./passkeys-list";
import type { SudoView } from "./sudo-password-field";

/** The user's passkeys (name, added, last used, "Remove"), and "Add a passkey" (in sudo mode). */
export async function PasskeysSection({ userId, sudo }: { userId: string; sudo: SudoView }) {
  const [passkeys, requestHeaders] = await Promise.all([listPasskeys(userId), headers()]);
  const rows = passkeys.map((passkey) => ({
    id: passkey.id,
    name: passkey.name,
    backedUp: passkey.backedUp,
    added: { text: formatShortDate(passkey.createdAt), iso: passkey.createdAt.toISOString() },
    lastUsed: passkey.lastUsedAt ? { text: formatDateTime(passkey.lastUsedAt), iso: passkey.lastUsedAt.toISOString() } : null,
  }));
  return (
    <div className="space-y-6">
      <PasskeysList passkeys={rows} hasPassword={sudo.hasPassword} />
      <AddPasskeyForm defaultName={defaultPasskeyName(userAgent(requestHeaders))} sudo={sudo} />
    </div>
  );
}
