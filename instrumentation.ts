// Runs once when the Next.js server starts (Node runtime only; the work lives in its own file
// so the edge bundle never sees process.exit or the database).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./instrumentation-node")).start();
}
