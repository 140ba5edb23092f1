import { exportAccountData } from "@/lib/account/export";
import { getCurrentSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/**
 * "Download my data": the signed-in user's data as a JSON attachment. A GET, since it changes
 * nothing; middleware already sends visitors without a session to sign in, and this checks again.
 */
export async function GET() {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in to download your data." }, { status: 401, headers: noStore });
  const data = await exportAccountData(session.userId);
  if (!data) return Response.json({ error: "Sign in to download your data." }, { status: 401, headers: noStore });
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      ...noStore,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="account-data-${day}.json"`,
    },
  });
}
