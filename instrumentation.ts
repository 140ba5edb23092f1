// Runs once when the server starts. Node-only work lives in instrumentation-node.ts, imported
// inside this exact `if` so the Edge bundle never sees it (Next.js's documented pattern).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerNode } = await import("./instrumentation-node");
    registerNode();
  }
}
