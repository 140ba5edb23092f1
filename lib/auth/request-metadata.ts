import "server-only";
import { headers } from "next/headers";
import { clientIp, userAgent } from "@/lib/request";
import type { SessionMetadata } from "@/lib/auth/sessions";

/** IP and user agent of the current request, for a new session row. */
export async function requestMetadata(method: string): Promise<SessionMetadata> {
  const requestHeaders = await headers();
  return { ip: clientIp(requestHeaders), userAgent: userAgent(requestHeaders), method };
}

/** IP and user agent of the current request, for a security event. */
export async function requestContext(): Promise<{ ip: string; userAgent: string }> {
  const { ip, userAgent } = await requestMetadata("");
  return { ip, userAgent };
}
