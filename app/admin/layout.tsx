import type { ReactNode } from "react";
import { requireAdmin } from "@/lib/auth/session";
import { NavLink } from "@/components/nav-link";

const links = [
  { href: "/admin", label: "Overview", matchPrefix: false },
  { href: "/admin/users", label: "Users", matchPrefix: true },
  { href: "/admin/audit", label: "Audit log", matchPrefix: true },
];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <div className="space-y-6">
      <nav aria-label="Admin" className="-mx-1 flex gap-1 overflow-x-auto rounded-lg bg-slate-100 p-1">
        {links.map((link) => (
          <NavLink key={link.href} href={link.href} matchPrefix={link.matchPrefix}>
            {link.label}
          </NavLink>
        ))}
      </nav>
      {children}
    </div>
  );
}
