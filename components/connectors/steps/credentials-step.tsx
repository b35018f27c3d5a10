"use client";
import type { ReactNode } from "react";
import { useWatch } from "react-hook-form";
import { Field, Input } from "@/components/ui/field";
import { partitionOf } from "@/lib/aws/partitions";
import {
  CREDENTIAL_TYPES,
  CREDENTIAL_TYPE_INFO,
  type ConnectorFormValues,
  type CredentialType,
} from "@/lib/connectors/schemas";
import type { ScopeRef } from "@/lib/scope";
import { RadioCards } from "@/components/ui/radio-cards";
import { CHECKING, usePermissions } from "@/components/identity/permissions";
import { errorAt, useStash, useWizardForm } from "../wizard-model";
import { CrossAccountFields } from "./cross-account-fields";
import { ManualConfigFields } from "./manual-config-fields";
import { OidcSetupPanel } from "./oidc-setup-panel";
import { RegionField } from "./region-field";
import { SessionTagsField } from "./session-tags-field";

type CredentialValues = ConnectorFormValues["spec"]["credential"];

const SERVER_IDENTITY = new Set<CredentialType>(["InheritFromDelegate", "Irsa"]);

const EMPTY_SPEC: Record<CredentialType, CredentialValues["spec"]> = {
  ManualConfig: { accessKey: "", secretKeyRef: "" },
  InheritFromDelegate: null,
  Irsa: null,
  OidcAuthentication: { iamRoleArn: "" },
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-4 border-t border-border pt-5">
      <h3 className="text-sm font-semibold">{title}</h3>
      {/* One right edge for every field below the cards, so long selects do not run to the card's edge. */}
      <div className="flex max-w-3xl flex-col gap-4">{children}</div>
    </section>
  );
}

function Explainer({ children }: { children: ReactNode }) {
  return (
    <div className="rounded-md border border-border bg-surface-2 p-4 text-sm leading-relaxed text-muted">
      {children}
    </div>
  );
}

/** Credential type, its fields, the test region and optional cross-account access. */
export function CredentialsStep({ scope }: { scope: ScopeRef }) {
  const { control, getValues, setValue, register, clearErrors, formState } = useWizardForm();
  const stash = useStash();
  const type = useWatch({ control, name: "spec.credential.type" });
  const region = useWatch({ control, name: "spec.credential.region" }) ?? "us-east-1";
  const account = usePermissions({});

  const changeType = (next: CredentialType) => {
    const current = getValues("spec.credential");
    // Remember this type's fields; the region and cross-account role belong to every type.
    stash.set(`credential.${current.type}`, current.spec);
    const spec = stash.get<CredentialValues["spec"]>(`credential.${next}`) ?? structuredClone(EMPTY_SPEC[next]);
    const { crossAccountAccess, region: r } = current;
    setValue("spec.credential", {
      type: next,
      spec,
      region: r,
      ...(crossAccountAccess ? { crossAccountAccess } : {}),
    } as CredentialValues);
    clearErrors("spec.credential.spec");
  };

  return (
    <div className="flex flex-col gap-6">
      <RadioCards
        legend="Credential type"
        name="credentialType"
        value={type}
        onChange={changeType}
        error={errorAt(formState.errors, "spec.credential.type")}
        options={CREDENTIAL_TYPES.map((t) => {
          // These run as Conduit's own AWS identity: only an Account Admin may choose them.
          const locked = SERVER_IDENTITY.has(t) && !account.can("server_identity:use");
          return {
            value: t,
            label: CREDENTIAL_TYPE_INFO[t].label,
            description: locked ? (
              <>
                {CREDENTIAL_TYPE_INFO[t].description}{" "}
                <strong className="font-medium text-fg">
                  {account.known
                    ? "Only an Account Admin can choose this: it uses Conduit's own AWS identity."
                    : CHECKING}
                </strong>
              </>
            ) : (
              CREDENTIAL_TYPE_INFO[t].description
            ),
            disabled: locked && type !== t,
          };
        })}
      />

      <Section title={type ? `${CREDENTIAL_TYPE_INFO[type].label} settings` : "Settings"}>
        {type === "ManualConfig" && <ManualConfigFields scope={scope} />}
        {type === "InheritFromDelegate" && (
          <Explainer>
            Nothing is stored in the connector. Conduit&apos;s server signs in with its own default AWS credential
            chain: environment variables, the shared config and credentials files, then the ECS task role or the EC2
            instance profile of the machine it runs on.
          </Explainer>
        )}
        {type === "Irsa" && (
          <Explainer>
            Nothing is stored in the connector. Conduit&apos;s server runs under a Kubernetes service account annotated
            with an IAM role (<code className="font-mono">eks.amazonaws.com/role-arn</code>); EKS mounts a web identity
            token into the pod, and Conduit exchanges it with STS for that role&apos;s credentials.
          </Explainer>
        )}
        {type === "OidcAuthentication" && (
          <>
            <Field
              label="IAM role ARN"
              required
              error={errorAt(formState.errors, "spec.credential.spec.iamRoleArn")}
              hint="The role Conduit assumes with its OIDC token (sts:AssumeRoleWithWebIdentity)."
            >
              {(a) => (
                <Input
                  {...a}
                  {...register("spec.credential.spec.iamRoleArn")}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  placeholder={`arn:${partitionOf(region)}:iam::123456789012:role/conduit-oidc`}
                />
              )}
            </Field>
            <SessionTagsField />
            <OidcSetupPanel scope={scope} />
          </>
        )}
      </Section>

      <Section title="Region">
        <RegionField />
      </Section>

      <Section title="Cross-account access">
        <CrossAccountFields />
      </Section>
    </div>
  );
}
