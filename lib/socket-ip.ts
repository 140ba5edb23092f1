import http from "node:http";

// `next start` fills X-Forwarded-For with the socket address only when the client did not send
// one (`??=`), so with no proxy a client could choose its own IP. This hook stamps the real peer
// address on every request in a header of our own, overwriting whatever the client sent.
export const SOCKET_IP_HEADER = "x-accounts-socket-ip";

const installed = Symbol.for("accounts.socketIpHook");

export function installSocketIpHook(): void {
  const proto = http.Server.prototype as http.Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[SOCKET_IP_HEADER] = request.socket.remoteAddress ?? "unknown";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof proto.emit;
}
