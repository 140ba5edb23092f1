import "server-only";
import { env } from "@/lib/env";
import { SOCKET_IP_HEADER } from "@/lib/socket-ip";

type HeaderBag = { get(name: string): string | null };

/**
 * The client's IP: the socket's peer, or — behind TRUST_PROXY reverse proxies — the
 * X-Forwarded-For entry the outermost trusted proxy appended. Entries further left are
 * client-controlled and never trusted.
 */
export function clientIp(headers: HeaderBag): string {
  const socket = headers.get(SOCKET_IP_HEADER) ?? "unknown";
  const hops = env().TRUST_PROXY;
  if (hops === 0) return normalizeIp(socket);
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Each trusted proxy appends the address it saw; the last `hops` entries come from our proxies,
  // and the one the first proxy appended is the client.
  const entry = forwarded[forwarded.length - hops];
  return normalizeIp(entry ?? socket);
}

function normalizeIp(ip: string): string {
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}

export function userAgent(headers: HeaderBag): string {
  return (headers.get("user-agent") ?? "").slice(0, 512);
}
