import Link from "next/link";
import { headers } from "next/headers";
import { PATH_HEADER } from "@/lib/auth/guard";
import { requireUser } from "@/lib/auth/session";
import { hasSecondFactor, userFactors } from "@/lib/auth/factors";
import { ADMIN_2FA_DONE, ADMIN_2FA_REQUIRED } from "@/lib/admin/messages";


/**
 * Why an admin was sent here (REQUIRE_ADMIN_2FA: lib/auth/session.ts requireAdmin redirects to
 * /account/security?required=admin). Reads the query from the path middleware passes on, so the
 * page needs no props for it; once a factor is set up, it says so and links back.
 */
export async function RequiredNotice() {
  const path = (await headers()).get(PATH_HEADER) ?? "";
  const required = new URL(path, "http://localhost").searchParams.get("required");
  if (required !== "admin") return null;
  const session = await requireUser();
  if (session.user.role !== "ADMIN") return null;
  if (hasSecondFactor(await userFactors(session.userId))) {
    return (
      <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
        {ADMIN_2FA_DONE}{" "}
        <Link href="/admin" className="font-medium underline">
          Go to the admin area
        </Link>
      </p>
    );
  }
  return (
    <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      {ADMIN_2FA_REQUIRED}
    </p>
  );
}
