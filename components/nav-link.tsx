"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A section link that marks itself as the current page (or section, with `matchPrefix`). */
export function NavLink({ href, children, matchPrefix = false }: { href: string; children: React.ReactNode; matchPrefix?: boolean }) {
  const pathname = usePathname();
  const current = pathname === href || (matchPrefix && pathname.startsWith(`${href}/`));
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
        current ? "bg-white text-indigo-700 shadow-sm ring-1 ring-slate-200" : "text-slate-700 hover:bg-white hover:text-slate-900"
      }`}
    >
      {children}
    </Link>
  );
}
