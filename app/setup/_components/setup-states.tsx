import Link from "next/link";
import { Button } from "@/components/ui/button";

/** The link cannot create the admin: why that happens, and how to get a new one. */
export function SetupLinkInvalid({ announce = false }: { announce?: boolean }) {
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p role={announce ? "alert" : undefined}>This link cannot create the first admin. A setup link:</p>
      <ul className="ml-5 list-disc space-y-1 text-muted">
        <li>works once: it may have been used already;</li>
        <li>expires an hour after Conduit printed it;</li>
        <li>must be copied whole: a missing character makes it a different link.</li>
      </ul>
      <p>
        Restart Conduit (<code>npm start</code>) and it prints a new link in its log while no user exists. If someone
        has already finished setup, sign in instead.
      </p>
      <Button asChild className="mt-2 self-start">
        <Link href="/sign-in">Go to sign in</Link>
      </Button>
    </div>
  );
}

export function SetupDone({ announce = false }: { announce?: boolean }) {
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p role={announce ? "alert" : undefined}>
        The first Account Admin exists, so this link has nothing left to do. Sign in; if you need an account, ask an
        Account Admin to create one for you.
      </p>
      <Button asChild variant="primary" className="mt-2 self-start">
        <Link href="/sign-in">Sign in</Link>
      </Button>
    </div>
  );
}
