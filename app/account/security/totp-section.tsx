import type { UserFactors } from "@/lib/auth/factors";

export async function TotpSection({ factors }: { userId: string; factors: UserFactors }) {
  return <p className="text-sm text-slate-600">{factors.totp ? "On" : "Off"}</p>;
}
