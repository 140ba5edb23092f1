// How a session began (Session.method, and SIGN_IN events' detail.method), in the words the
// devices list and the security timeline show.
export const SIGN_IN_METHODS = {
  password: "Password",
  email: "Emailed link",
  registration: "Registration",
  passkey: "Passkey",
} as const;

export type SignInMethod = keyof typeof SIGN_IN_METHODS;

export function describeSignInMethod(method: unknown): string | null {
  if (typeof method !== "string" || !method) return null;
  return Object.hasOwn(SIGN_IN_METHODS, method) ? SIGN_IN_METHODS[method as SignInMethod] : method;
}
