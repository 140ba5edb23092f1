/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded from node_modules at run time rather than bundled: rate-limiter-flexible's optional
  // stores use dynamic requires; pino and piscina start worker threads from files of their own
  // package; bcryptjs is what lib/auth/bcrypt-worker.mjs imports on those threads, so it must be
  // in node_modules (and in `output: "standalone"`'s traced copy), not only inside a bundle.
  serverExternalPackages: ["rate-limiter-flexible", "pino", "piscina", "bcryptjs"],
  experimental: {
    // forbidden() → app/forbidden.tsx with HTTP 403 for signed-in non-admins on /admin.
    authInterrupts: true,
    serverActions: {
      // Server actions accept a POST only when its Origin is this app. Behind a proxy the Host the
      // app sees may differ from the public one, so the public origin (AUTH_URL) is allowed too.
      allowedOrigins: process.env.AUTH_URL ? [new URL(process.env.AUTH_URL).host] : [],
    },
  },
  async headers() {
    const production = process.env.NODE_ENV === "production";
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
        ],
      },
      // Pages whose URL carries a token: never leak it in a Referer.
      ...["/reset-password", "/verify-email", "/security-report"].map((source) => ({
        source,
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      })),
    ];
  },
};

export default nextConfig;
