import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { NavLink } from "@/components/nav-link";

const links = [
  { href: "/account", label: "Overview" },
  { href: "/account/profile", label: "Profile" },
  { href: "/account/password", label: "Password" },
  { href: "/account/security", label: "Security" },
  { href: "/account/sessions", label: "Devices" },
  { href: "/account/activity", label: "Activity" },
];

export default async function AccountLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Account" className="flex flex-wrap gap-1 md:flex-col">
        {links.map((link) => (
          <NavLink key={link.href} href={link.href}>
            {link.label}
          </NavLink>
        ))}
      </nav>
      <div className="min-w-0 space-y-6">{children}</div>
    </div>
  );
}
