"use client";
import { roleName, scopeWords } from "@/components/identity/grant-words";
import { useMe } from "@/components/identity/hooks";
import { Alert, Card } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { errorMessage } from "@/lib/http/client";

/** Name, email and every role binding the signed-in user holds, in words. */
export function ProfileSummary() {
  const me = useMe({});
  const hydrated = useHydrated();
  return (
    <Card className="flex flex-col gap-5">
      <section aria-labelledby="profile-identity">
        <h2 id="profile-identity" className="text-base font-semibold">
          You
        </h2>
        {!hydrated || me.isPending ? (
          <p className="mt-3 flex items-center gap-2 text-sm text-muted">
            <Spinner /> Loading your profile…
          </p>
        ) : me.isError ? (
          <div className="mt-3">
            <Alert>{errorMessage(me.error)}</Alert>
          </div>
        ) : (
          <dl className="mt-3 grid grid-cols-[6rem_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted">Name</dt>
            <dd className="break-words">{me.data.name}</dd>
            <dt className="text-muted">Email</dt>
            <dd className="break-words">{me.data.email ?? "—"}</dd>
          </dl>
        )}
      </section>
      {hydrated && me.data && (
        <section aria-labelledby="profile-roles">
          <h2 id="profile-roles" className="text-base font-semibold">
            Your roles
          </h2>
          {me.data.grants.length === 0 ? (
            <p className="mt-2 text-sm text-muted">
              You hold no roles yet, so there is nothing you can see. Ask an Account Admin or a project&apos;s admin to
              grant you one.
            </p>
          ) : (
            <ul className="mt-2 flex flex-col gap-2 text-sm">
              {me.data.grants.map((g) => (
                <li
                  key={`${g.role}/${g.orgIdentifier}/${g.projectIdentifier}`}
                  className="rounded-md border border-border bg-surface-2/50 px-3 py-2"
                >
                  <span className="font-medium">{roleName(g.role)}</span>{" "}
                  <span className="text-muted">in {scopeWords(g)}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-xs text-muted">
            A role reaches everything below where it is granted: a role in an organization covers its projects.
          </p>
        </section>
      )}
    </Card>
  );
}
