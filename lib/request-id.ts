// The request id header, shared by middleware.ts and lib/log.ts (no server-only imports here).
export const REQUEST_ID_HEADER = "x-request-id";
