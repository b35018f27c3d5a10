// Reads an IAM trust policy (a role's AssumeRolePolicyDocument) the way IAM decides on it, for the
// GitOps test: does it let this principal (a role ARN, or a web identity from an OIDC provider
// with these aud/sub claims) call this STS action? Explicit Deny wins; conditions StringEquals,
// StringLike (and their IgnoreCase / Not / IfExists / ForAnyValue forms) are evaluated; a statement
// with an operator it does not know never allows. Pure.

type OneOrMany<T> = T | T[];
interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: OneOrMany<string>;
  NotAction?: OneOrMany<string>;
  Principal?: "*" | { AWS?: OneOrMany<string>; Federated?: OneOrMany<string>; Service?: OneOrMany<string> };
  Condition?: Record<string, Record<string, OneOrMany<string | boolean>>>;
}

export interface TrustQuery {
  action: string;
  /** ARNs (or account ids) a statement's Principal.AWS may name for the caller. */
  aws?: string[];
  /** The OIDC provider ARN of a web identity. */
  federated?: string;
  /** Condition keys (case-insensitive) and the request's values. */
  context?: Record<string, string[]>;
}

export interface TrustVerdict {
  allowed: boolean;
  /** The Sid (or position) of the statement that decided, when one did. */
  statement?: string;
  explicitDeny?: boolean;
}

const list = <T>(v: OneOrMany<T> | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function wildcard(pattern: string, value: string, ci: boolean): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, ci ? "is" : "s").test(value);
}

const COMPARE: Record<string, { eq: (p: string, v: string) => boolean; negate?: boolean }> = {
  StringEquals: { eq: (p, v) => p === v },
  StringNotEquals: { eq: (p, v) => p === v, negate: true },
  StringEqualsIgnoreCase: { eq: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringNotEqualsIgnoreCase: { eq: (p, v) => p.toLowerCase() === v.toLowerCase(), negate: true },
  StringLike: { eq: (p, v) => wildcard(p, v, false) },
  StringNotLike: { eq: (p, v) => wildcard(p, v, false), negate: true },
  ArnEquals: { eq: (p, v) => p === v },
  ArnLike: { eq: (p, v) => wildcard(p, v, false) },
};

function valuesOf(context: TrustQuery["context"], key: string): string[] | undefined {
  const k = Object.keys(context ?? {}).find((c) => c.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : context![k];
}

function conditionsHold(cond: Statement["Condition"], context: TrustQuery["context"]): boolean {
  for (const [raw, entries] of Object.entries(cond ?? {})) {
    const op = raw.replace(/^(ForAnyValue|ForAllValues):/, "").replace(/IfExists$/, "");
    const ifExists = raw.endsWith("IfExists");
    const all = raw.startsWith("ForAllValues:");
    const c = COMPARE[op];
    if (!c) return false;
    for (const [key, expected] of Object.entries(entries ?? {})) {
      const values = valuesOf(context, key);
      if (values === undefined) {
        if (ifExists || c.negate || all) continue;
        return false;
      }
      const patterns = list(expected).map(String);
      const hit = (v: string) => patterns.some((p) => c.eq(p, v));
      const ok = all ? values.every(hit) : values.some(hit);
      if (c.negate ? ok : !ok) return false;
    }
  }
  return true;
}

function principalMatches(s: Statement, q: TrustQuery): boolean {
  const p = s.Principal;
  if (p === undefined) return false;
  if (p === "*") return true;
  const aws = list(p.AWS);
  if (aws.includes("*") || (q.aws ?? []).some((a) => aws.includes(a))) return true;
  return q.federated !== undefined && list(p.Federated).includes(q.federated);
}

const actionMatches = (s: Statement, action: string) =>
  s.Action !== undefined
    ? list(s.Action).some((a) => wildcard(a, action, true))
    : s.NotAction !== undefined && !list(s.NotAction).some((a) => wildcard(a, action, true));

/** Whether the trust policy document allows the query; a document that is not one allows nothing. */
export function trustAllows(document: unknown, q: TrustQuery): TrustVerdict {
  const statements = list((document as { Statement?: OneOrMany<Statement> } | null)?.Statement);
  let allow: string | undefined;
  for (const [i, s] of statements.entries()) {
    if (!s || typeof s !== "object") continue;
    if (!actionMatches(s, q.action) || !principalMatches(s, q) || !conditionsHold(s.Condition, q.context)) continue;
    const name = s.Sid || `statement ${i + 1}`;
    if (s.Effect === "Deny") return { allowed: false, statement: name, explicitDeny: true };
    if (s.Effect === "Allow") allow ??= name;
  }
  return allow ? { allowed: true, statement: allow } : { allowed: false };
}
