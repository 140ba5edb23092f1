import Link from "next/link";

const link = "rounded-lg px-3 py-2 font-medium text-indigo-700 ring-1 ring-inset ring-slate-200 hover:bg-slate-50";

/** Previous / Next links of a keyset-paginated table (either may be absent). */
export function Pagination({ previousHref, nextHref, label }: { previousHref: string | null; nextHref: string | null; label: string }) {
  if (!previousHref && !nextHref) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-4 text-sm">
      {previousHref ? (
        <Link href={previousHref} className={link} rel="prev">
          <span aria-hidden="true">← </span>Previous
        </Link>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Link href={nextHref} className={link} rel="next">
          Next<span aria-hidden="true"> →</span>
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
