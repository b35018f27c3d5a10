import type { Metadata } from "next";
import { AuthCard } from "@/components/identity/auth-card";
import { Alert } from "@/components/ui/misc";
import { hasUsers } from "@/lib/auth/bootstrap";
import { signInOptions } from "@/lib/auth/server";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Notices other pages send here (by name: the page never shows text taken from the URL). */
const NOTICES: Record<string, string> = {
  "password-set": "Password set. Sign in.",
  "signed-out-everywhere": "You were signed out on every device.",
};

/** Reasons a failed single sign-on comes back with (`?error=<code>`), in words. */
const SSO_REASONS: Record<string, string> = {
  domain_not_allowed: "Your email domain may not sign in to this Conduit.",
  user_disabled: "Your user is disabled; ask an Account Admin.",
};

/** better-auth sends a failed single sign-on back with `?error=<code>`. */
function ssoFailure(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const safe = /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code.toLowerCase() : "unknown";
  return `Single sign-on did not complete: ${SSO_REASONS[safe] ?? `${safe}. Try again, or ask an Account Admin whether your account may sign in.`}`;
}

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const [options, anyUser] = await Promise.all([signInOptions(), hasUsers()]);
  const notice = NOTICES[one(params.notice) ?? ""];
  const failed = ssoFailure(one(params.error));
  return (
    <AuthCard title="Sign in to Conduit">
      <div className="flex flex-col gap-4">
        {!anyUser && (
          <Alert tone="info" title="Conduit has no users yet">
            The first Account Admin is created from the one-time setup link that <code>npm start</code> prints in its
            log. Or start Conduit with <code>CONDUIT_ADMIN_EMAIL</code> and <code>CONDUIT_ADMIN_PASSWORD</code> set.
          </Alert>
        )}
        {notice && <Alert tone="success">{notice}</Alert>}
        {failed && <Alert>{failed}</Alert>}
        <SignInForm next={one(params.next)} sso={options.sso ? { name: options.sso.name } : null} />
      </div>
    </AuthCard>
  );
}
