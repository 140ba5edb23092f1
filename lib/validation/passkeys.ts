import { z } from "zod";

// Schemas for passkeys (lib/auth/passkeys.ts). The browser's WebAuthn responses arrive as JSON
// from @simplewebauthn/browser; each is rebuilt from the fields named here, with bounded sizes, so
// nothing else a client sends reaches the verifier.

export const PASSKEY_NAME_MAX_LENGTH = 64;

/** What a person calls a passkey ("Chrome on Linux", "Work laptop"): trimmed, 1–64 characters. */
export const PasskeyNameSchema = z
  .string({ error: "Give the passkey a name." })
  .transform((name) => name.normalize("NFKC").replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "Give the passkey a name.")
      .max(PASSKEY_NAME_MAX_LENGTH, `Use a name of at most ${PASSKEY_NAME_MAX_LENGTH} characters.`)
      .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "Use letters, numbers and punctuation only."),
  );

const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/);
const transports = z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(8);

export const RegistrationResponseSchema = z.object({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url(8192),
    attestationObject: base64url(32768),
    transports: transports.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.object({}).default({}),
});

export const AuthenticationResponseSchema = z.object({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url(8192),
    authenticatorData: base64url(8192),
    signature: base64url(2048),
    userHandle: base64url(128).optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.object({}).default({}),
});

export const AddPasskeySchema = z.object({ name: PasskeyNameSchema, response: RegistrationResponseSchema });
export type AddPasskeyInput = z.infer<typeof AddPasskeySchema>;

export const PasskeySignInSchema = z.object({
  response: AuthenticationResponseSchema,
  remember: z.boolean().catch(false),
  callbackUrl: z.string().max(2048).catch(""),
});
export type PasskeySignInInput = z.infer<typeof PasskeySignInSchema>;

export const RemovePasskeySchema = z.object({
  passkeyId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  // As typed: never trimmed; the bound only keeps huge posts cheap to refuse. Empty is allowed
  // here because an account without a password has nothing to type (lib/auth/passkeys.ts decides).
  password: z.string().max(4096),
});
export type RemovePasskeyInput = z.infer<typeof RemovePasskeySchema>;

/** A step-up with a passkey (/account/step-up): the assertion and where to go back to. */
export const PasskeyStepUpSchema = PasskeySignInSchema.pick({ response: true, callbackUrl: true });
