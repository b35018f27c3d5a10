"use client";
// Who may become the role the uses' policy is attached to: for OIDC, the trust policy that admits
// Conduit's tokens for this connector; for IRSA, the one that admits the delegate's Kubernetes
// service account through its cluster's issuer. Shown beside the policy in the Permissions step.
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { CodeBlock } from "@/components/ui/code-block";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { partitionOf } from "@/lib/aws/partitions";
import { errorMessage } from "@/lib/http/client";
import { irsaSetupCommands } from "@/lib/oidc/policy";
import type { ScopeRef } from "@/lib/scope";
import { useWizardForm } from "../wizard-model";
import { useConnectorOidcPreview } from "./oidc-setup-panel";

export function TrustPolicyPanel({ scope }: { scope: ScopeRef }) {
  const { control } = useWizardForm();
  const type = useWatch({ control, name: "spec.credential.type" });
  const crossAccount = useWatch({ control, name: "spec.credential.crossAccountAccess" });
  if (type !== "OidcAuthentication" && type !== "Irsa") return null;
  return (
    <section aria-label="Trust policy" className="flex flex-col gap-3">
      <h3 className="text-sm font-medium">
        {type === "Irsa" ? "The role's trust policy (IRSA)" : "The role's trust policy (OIDC)"}
      </h3>
      {crossAccount && (
        <p className="text-sm text-muted">
          With cross-account access the policy above belongs on the cross-account role; this trust policy is for the
          role Conduit signs in as first, which must also be allowed to call sts:AssumeRole on the cross-account role.
        </p>
      )}
      {type === "Irsa" ? <IrsaTrust /> : <OidcTrust scope={scope} />}
    </section>
  );
}

function OidcTrust({ scope }: { scope: ScopeRef }) {
  const preview = useConnectorOidcPreview(scope);
  const setup = preview.data?.setup;
  if (preview.isLoading) return <Spinner label="Loading the trust policy" />;
  if (preview.isError) return <Alert>{errorMessage(preview.error)}</Alert>;
  if (!setup)
    return (
      <p className="text-sm text-muted">
        Enter the IAM role ARN on the Credentials step to get the trust policy that lets this connector&apos;s tokens
        assume it.
      </p>
    );
  return (
    <>
      <p className="text-sm text-muted">
        The role accepts tokens Conduit issues for this connector only (audience and subject below); attach the policy
        above to the same role.
      </p>
      <CodeBlock label="Role trust policy" text={setup.trustPolicyJson} />
      <CodeBlock label="Commands that create the provider and the role" text={setup.commands.join("\n")} tall={false} />
    </>
  );
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const EKS_ISSUER = /^https:\/\/oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/;
const ACCOUNT_ID = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

interface IrsaValues {
  issuer: string;
  accountId: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleName: string;
}

const IRSA_FIELDS: {
  key: keyof IrsaValues;
  label: string;
  hint: string;
  check: (v: string) => string | undefined;
}[] = [
  {
    key: "issuer",
    label: "Cluster OIDC issuer",
    hint: "The delegate's cluster, as the first command below prints it.",
    check: (v) =>
      v && !EKS_ISSUER.test(v) ? "An EKS issuer: https://oidc.eks.<region>.amazonaws.com/id/<ID>" : undefined,
  },
  {
    key: "accountId",
    label: "AWS account ID",
    hint: "The account that owns the role.",
    check: (v) => (v && !ACCOUNT_ID.test(v) ? "12 digits" : undefined),
  },
  {
    key: "clusterName",
    label: "Cluster name",
    hint: "The EKS cluster the delegate runs in.",
    check: (v) =>
      v && !/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(v) ? "Letters, digits, - and _ (100 at most)" : undefined,
  },
  {
    key: "namespace",
    label: "Delegate namespace",
    hint: "Where the delegate's pods run.",
    check: (v) => (!DNS_LABEL.test(v) ? "Lowercase letters, digits and -, 63 at most" : undefined),
  },
  {
    key: "serviceAccount",
    label: "Delegate service account",
    hint: "Only this service account may assume the role.",
    check: (v) => (!DNS_LABEL.test(v) ? "Lowercase letters, digits and -, 63 at most" : undefined),
  },
  {
    key: "roleName",
    label: "Role name",
    hint: "The role the service account is annotated with.",
    check: (v) => (v && !ROLE_NAME.test(v) ? "Up to 64 letters, digits and +=,.@_-" : undefined),
  },
];

/** Nothing here is stored: IRSA's role comes from the delegate pod; these only fill in the documents. */
function IrsaTrust() {
  const { control } = useWizardForm();
  const region = useWatch({ control, name: "spec.credential.region" }) || "us-east-1";
  const [values, setValues] = useState<IrsaValues>({
    issuer: "",
    accountId: "",
    clusterName: "",
    namespace: "conduit-delegate",
    serviceAccount: "conduit-delegate",
    roleName: "conduit-delegate",
  });
  const errors = Object.fromEntries(IRSA_FIELDS.map((f) => [f.key, f.check(values[f.key].trim())]));
  // A wrong value would put a wrong document on the page: keep its placeholder until it is right.
  const ok = (k: keyof IrsaValues) => (errors[k] ? "" : values[k].trim());
  const issuerRegion = /oidc\.eks\.([a-z0-9-]+)\./.exec(ok("issuer"))?.[1];
  const setup = irsaSetupCommands({
    partition: partitionOf(issuerRegion ?? region),
    region: issuerRegion ?? region,
    issuer: ok("issuer"),
    accountId: ok("accountId"),
    clusterName: ok("clusterName"),
    namespace: ok("namespace") || "<NAMESPACE>",
    serviceAccount: ok("serviceAccount") || "<SERVICE_ACCOUNT>",
    roleName: ok("roleName"),
  });
  return (
    <>
      <p className="text-sm text-muted">
        The role is the one the delegate&apos;s service account is annotated with. Its trust policy admits that one
        service account through the cluster&apos;s OIDC issuer; attach the policy above to the same role. These fields
        only fill in the documents and are not saved.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {IRSA_FIELDS.map((f) => (
          <Field
            key={f.key}
            label={f.label}
            hint={f.hint}
            error={errors[f.key]}
            className={f.key === "issuer" ? "sm:col-span-2" : ""}
          >
            {(a) => (
              <Input
                {...a}
                value={values[f.key]}
                spellCheck={false}
                autoCapitalize="off"
                inputMode={f.key === "accountId" ? "numeric" : undefined}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
            )}
          </Field>
        ))}
      </div>
      <CodeBlock label="Role trust policy" text={setup.trustPolicyJson} />
      <CodeBlock
        label="Commands that create the role and annotate the service account"
        text={setup.commands.join("\n")}
        tall={false}
      />
      <ul className="list-inside list-disc text-xs text-muted">
        {setup.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </>
  );
}
