import "server-only";
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// The Auth.js instance (lazy config: env is read at request time, not at build time).
export const { handlers, signIn: authJsSignIn } = NextAuth(() => authConfig());
