import { preparedQuery } from "@/lib/db";
import { errorMessage, requestLog } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await preparedQuery("health", "SELECT 1", []);
    return Response.json({ status: "ok", db: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    (await requestLog()).error({ err: errorMessage(error) }, "health: database check failed");
    return Response.json({ status: "error", db: "error" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
