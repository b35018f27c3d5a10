// What a delegate process is told by its environment. Read once at start; a wrong value stops the
// process with the variable's name before anything connects.
import os from "node:os";
import { z } from "zod";
import { delegateNameSchema, delegateTagSchema } from "@/lib/delegates/schemas";

const configSchema = z.object({
  /** The console's address, as the delegate reaches it (https in production). */
  CONDUIT_URL: z.url({ protocol: /^https?$/, error: "the console's URL, e.g. https://conduit.example.com" }),
  /** A delegate token from the Delegates page (`cdd_…`). */
  CONDUIT_DELEGATE_TOKEN: z.string().regex(/^cdd_[\w-]{20,200}$/, "a delegate token from the Delegates page (cdd_…)"),
  DELEGATE_NAME: delegateNameSchema.optional(),
  /** Comma-separated tags connectors select this delegate by. */
  DELEGATE_TAGS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(delegateTagSchema).max(50)),
  /** Tasks run at once. */
  DELEGATE_MAX_TASKS: z.coerce.number().int().min(1).max(256).default(8),
});

export type DelegateConfig = {
  url: string;
  token: string;
  name: string;
  tags: string[];
  host: string;
  maxTasks: number;
};

/** A host name as a delegate name: lowercase, runs of other characters as "-". */
export const nameFromHost = (host: string) =>
  host
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64) || "delegate";

export function readDelegateConfig(source: Record<string, string | undefined> = process.env): DelegateConfig {
  const parsed = configSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`The delegate cannot start:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  const host = os.hostname();
  return {
    url: c.CONDUIT_URL.replace(/\/+$/, ""),
    token: c.CONDUIT_DELEGATE_TOKEN,
    name: c.DELEGATE_NAME ?? nameFromHost(host),
    tags: [...new Set(c.DELEGATE_TAGS)],
    host,
    maxTasks: c.DELEGATE_MAX_TASKS,
  };
}
