import Link from "next/link";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";

const links = [
  { href: "/account", label: "Overview" },
  { href: "/account/password", label: "Password" },
];

export default async function AccountLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Account" className="flex gap-1 overflow-x-auto md:flex-col">
        {links.map((link) => (
          <Link key={link.href} href={link.href} className="whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-white hover:text-slate-900">
            {link.label}
          </Link>
        ))}
      </nav>
      <div className="min-w-0 space-y-6">{children}</div>
    </div>
  );
}
