// Runs once when the Next.js server starts (Node runtime only; the check lives in its own file
// so the edge bundle never sees process.exit).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
