import type { ReactNode } from "react";
import { requireAdmin } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return <div className="space-y-6">{children}</div>;
}
