import { authEndpoint } from "@/lib/auth/endpoints";

// Every method goes through the allow-list (lib/auth/endpoints.ts): what it does not list is a 404,
// not Next's 405 or an automatic OPTIONS answer.
export const GET = authEndpoint;
export const HEAD = authEndpoint;
export const POST = authEndpoint;
export const PUT = authEndpoint;
export const PATCH = authEndpoint;
export const DELETE = authEndpoint;
export const OPTIONS = authEndpoint;
