import type { ReactNode } from "react";
import { Badge, Time } from "@/components/ui/misc";
import { SummaryRow, SummarySection } from "@/components/ui/summary";
import { PARTITION_LABELS, partitionOf, regionLabel } from "@/lib/aws/partitions";
import type { ConnectorDto } from "@/lib/connectors/dto";
import { BACKOFF_STRATEGY_INFO, CREDENTIAL_TYPE_INFO, SDK_DEFAULT_BACKOFF_INFO } from "@/lib/connectors/schemas";
import { formatMs } from "./wizard-model";
import { tagsToItems } from "@/components/forms/form-values";

const Mono = ({ children }: { children: ReactNode }) => <span className="font-mono text-[13px]">{children}</span>;
/** A secret is only ever shown by its reference; its value never reaches the browser. */
const SecretRef = ({ value }: { value: string }) => (
  <span className="inline-flex flex-wrap items-center gap-2">
    <Badge>secret</Badge>
    <Mono>{value}</Mono>
  </span>
);
const None = ({ children = "None" }: { children?: ReactNode }) => <span className="text-muted">{children}</span>;

export function ConnectorSummary({ dto }: { dto: ConnectorDto }) {
  const c = dto.connector;
  const cred = c.spec.credential;
  const cross = cred.crossAccountAccess;
  const backoff = c.spec.awsSdkClientBackOffStrategyOverride;
  const partition = partitionOf(cred.region);
  const tags = tagsToItems(c.tags);

  return (
    <div className="grid items-start gap-5 xl:grid-cols-2">
      <SummarySection title="Credentials" termWidth="11rem">
        <SummaryRow term="Type">{CREDENTIAL_TYPE_INFO[cred.type].label}</SummaryRow>
        {cred.type === "ManualConfig" && (
          <>
            <SummaryRow term="Access key ID">
              {cred.spec.accessKeyRef ? (
                <SecretRef value={cred.spec.accessKeyRef} />
              ) : (
                <Mono>{cred.spec.accessKey}</Mono>
              )}
            </SummaryRow>
            <SummaryRow term="Secret access key">
              <SecretRef value={cred.spec.secretKeyRef} />
            </SummaryRow>
            <SummaryRow term="Session token">
              {cred.spec.sessionTokenRef ? <SecretRef value={cred.spec.sessionTokenRef} /> : <None />}
            </SummaryRow>
          </>
        )}
        {cred.type === "OidcAuthentication" && (
          <>
            <SummaryRow term="IAM role ARN">
              <Mono>{cred.spec.iamRoleArn}</Mono>
            </SummaryRow>
            <SummaryRow term="Session tags">
              {cred.spec.oidcSessionTagKeys?.length ? <Mono>{cred.spec.oidcSessionTagKeys.join(", ")}</Mono> : <None />}
            </SummaryRow>
          </>
        )}
        {cred.type === "InheritFromDelegate" && (
          <SummaryRow term="Source">The Conduit server&apos;s default credential chain</SummaryRow>
        )}
        {cred.type === "Irsa" && (
          <SummaryRow term="Source">The server&apos;s Kubernetes service account (web identity token)</SummaryRow>
        )}
        <SummaryRow term="Test region">
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span>{regionLabel(cred.region)}</span>
            <Mono>{cred.region}</Mono>
            <Badge tone={partition === "aws" ? "neutral" : "warning"}>
              {partition} · {PARTITION_LABELS[partition]}
            </Badge>
          </span>
        </SummaryRow>
        <SummaryRow term="Cross-account role">
          {cross ? <Mono>{cross.crossAccountRoleArn}</Mono> : <None>Not used</None>}
        </SummaryRow>
        {cross && (
          <>
            <SummaryRow term="External ID">{cross.externalId ? <Mono>{cross.externalId}</Mono> : <None />}</SummaryRow>
            <SummaryRow term="Session duration">
              {cross.assumeRoleSessionDuration ? (
                `${cross.assumeRoleSessionDuration} s`
              ) : (
                <None>STS default (1 hour)</None>
              )}
            </SummaryRow>
          </>
        )}
      </SummarySection>

      <div className="flex flex-col gap-5">
        <SummarySection title="Retries and delegates" termWidth="11rem">
          <SummaryRow term="Backoff strategy">
            {backoff ? BACKOFF_STRATEGY_INFO[backoff.type].label : SDK_DEFAULT_BACKOFF_INFO.label}
          </SummaryRow>
          {backoff?.type === "FixedDelayBackoffStrategy" && (
            <SummaryRow term="Fixed backoff">{formatMs(backoff.spec.fixedBackoff)}</SummaryRow>
          )}
          {backoff && backoff.type !== "FixedDelayBackoffStrategy" && (
            <SummaryRow term="Delays">
              {formatMs(backoff.spec.baseDelay)} base, at most {formatMs(backoff.spec.maxBackoffTime)}
            </SummaryRow>
          )}
          {backoff && <SummaryRow term="Retry count">{backoff.spec.retryCount}</SummaryRow>}
          <SummaryRow term="Delegates">
            {c.spec.delegateSelectors.length === 0 ? (
              "Any available delegate"
            ) : (
              <span className="flex flex-wrap gap-1.5">
                {c.spec.delegateSelectors.map((s) => (
                  <Badge key={s}>
                    <Mono>{s}</Mono>
                  </Badge>
                ))}
              </span>
            )}
          </SummaryRow>
        </SummarySection>
        <SummarySection title="About" termWidth="11rem">
          <SummaryRow term="Description">{c.description || <None>No description</None>}</SummaryRow>
          <SummaryRow term="Tags">
            {tags.length ? (
              <span className="flex flex-wrap gap-1.5">
                {tags.map((t) => (
                  <Badge key={t}>
                    <Mono>{t}</Mono>
                  </Badge>
                ))}
              </span>
            ) : (
              <None />
            )}
          </SummaryRow>
          <SummaryRow term="Version">{dto.version}</SummaryRow>
          <SummaryRow term="Created">
            <Time iso={dto.createdAt} />
          </SummaryRow>
          <SummaryRow term="Updated">
            <Time iso={dto.updatedAt} />
          </SummaryRow>
        </SummarySection>
      </div>
    </div>
  );
}
