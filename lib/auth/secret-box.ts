import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Encryption at rest for secrets the server must read back (TOTP keys), ASVS 11.3/14.2: AES-256-GCM
// with a key derived from AUTH_SECRET by HKDF, so a database dump alone does not give them away.
// The "purpose" goes into the derivation and the authenticated data, so a value encrypted for one
// purpose never decrypts as another. Rotating AUTH_SECRET makes existing values unreadable (the
// users then set up their authenticator again; README "Configuration" says so).
const VERSION = "v1";

function key(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "accounts/secret-box", `${VERSION}:${purpose}`, 32));
}

export function seal(purpose: string, plaintext: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The plaintext, or null when the value was not sealed for this purpose with this AUTH_SECRET. */
export function open(purpose: string, sealed: string): Uint8Array | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]));
  } catch {
    return null;
  }
}
