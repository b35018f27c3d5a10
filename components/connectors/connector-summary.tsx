import type { ReactNode } from "react";
import { Badge, Time } from "@/components/ui/misc";
import { SummaryRow, SummarySection } from "@/components/ui/summary";
import { PARTITION_LABELS, partitionOf, regionLabel } from "@/lib/aws/partitions";
import type { ConnectorDto } from "@/lib/connectors/dto";
import { BACKOFF_STRATEGY_INFO, CREDENTIAL_TYPE_INFO, SDK_DEFAULT_BACKOFF_INFO } from "@/lib/connectors/schemas";
import { formatMs, tagsToItems } from "./wizard-model";

const Row = SummaryRow;
const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <SummarySection title={title} termWidth="11rem">
    {children}
  </SummarySection>
);

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
      <Section title="Credentials">
        <Row term="Type">{CREDENTIAL_TYPE_INFO[cred.type].label}</Row>
        {cred.type === "ManualConfig" && (
          <>
            <Row term="Access key ID">{cred.spec.accessKeyRef ? <SecretRef value={cred.spec.accessKeyRef} /> : <Mono>{cred.spec.accessKey}</Mono>}</Row>
            <Row term="Secret access key">
              <SecretRef value={cred.spec.secretKeyRef} />
            </Row>
            <Row term="Session token">{cred.spec.sessionTokenRef ? <SecretRef value={cred.spec.sessionTokenRef} /> : <None />}</Row>
          </>
        )}
        {cred.type === "OidcAuthentication" && (
          <>
            <Row term="IAM role ARN">
              <Mono>{cred.spec.iamRoleArn}</Mono>
            </Row>
            <Row term="Session tags">
              {cred.spec.oidcSessionTagKeys?.length ? <Mono>{cred.spec.oidcSessionTagKeys.join(", ")}</Mono> : <span className="text-muted">None</span>}
            </Row>
          </>
        )}
        {cred.type === "InheritFromDelegate" && <Row term="Source">The Conduit server&apos;s default credential chain</Row>}
        {cred.type === "Irsa" && <Row term="Source">The server&apos;s Kubernetes service account (web identity token)</Row>}
        <Row term="Test region">
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span>{regionLabel(cred.region)}</span>
            <Mono>{cred.region}</Mono>
            <Badge tone={partition === "aws" ? "neutral" : "warning"}>
              {partition} · {PARTITION_LABELS[partition]}
            </Badge>
          </span>
        </Row>
        <Row term="Cross-account role">{cross ? <Mono>{cross.crossAccountRoleArn}</Mono> : <None>Not used</None>}</Row>
        {cross && (
          <>
            <Row term="External ID">{cross.externalId ? <Mono>{cross.externalId}</Mono> : <None />}</Row>
            <Row term="Session duration">{cross.assumeRoleSessionDuration ? `${cross.assumeRoleSessionDuration} s` : <None>STS default (1 hour)</None>}</Row>
          </>
        )}
      </Section>

      <div className="flex flex-col gap-5">
        <Section title="Retries and delegates">
          <Row term="Backoff strategy">{backoff ? BACKOFF_STRATEGY_INFO[backoff.type].label : SDK_DEFAULT_BACKOFF_INFO.label}</Row>
          {backoff?.type === "FixedDelayBackoffStrategy" && <Row term="Fixed backoff">{formatMs(backoff.spec.fixedBackoff)}</Row>}
          {backoff && backoff.type !== "FixedDelayBackoffStrategy" && (
            <Row term="Delays">
              {formatMs(backoff.spec.baseDelay)} base, at most {formatMs(backoff.spec.maxBackoffTime)}
            </Row>
          )}
          {backoff && <Row term="Retry count">{backoff.spec.retryCount}</Row>}
          <Row term="Delegates">
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
          </Row>
        </Section>
        <Section title="About">
          <Row term="Description">{c.description || <None>No description</None>}</Row>
          <Row term="Tags">
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
          </Row>
          <Row term="Version">{dto.version}</Row>
          <Row term="Created">
            <Time iso={dto.createdAt} />
          </Row>
          <Row term="Updated">
            <Time iso={dto.updatedAt} />
          </Row>
        </Section>
      </div>
    </div>
  );
}
