// The kernel every scoped, versioned, audited resource goes through: get-or-404, create (409
// naming the field), update with the expected version and a before/after audit event in one
// transaction, delete with a guard whose 409 names every referrer. A domain's service keeps only
// its own rules (references it resolves, columns it writes, what it returns).
import "server-only";
import { recordAudit } from "@/lib/audit/service";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { versionConflict } from "@/lib/http/version";
import type { Actor, ScopeKey } from "@/lib/scope";
import { holdReferences, type HeldReference } from "./held-references";
import { referrersOf } from "./referrers";
import type { Referrer, ResourceType } from "./types";
import { blockedPhrase, describeReferrer, TYPE_WORDS } from "./words";

interface Versioned {
  id: string;
  identifier: string;
  version: number;
}

export interface ResourceKind<Row extends Versioned, Key> {
  type: ResourceType;
  /** Where identifiers are unique, in words: "in this project", "in environment \"prod\"". */
  where: (key: Key) => string;
  find: (key: Key, identifier: string) => Promise<Row | null>;
  /** The row again inside a transaction (after an update), or null once it is gone. */
  reload: (tx: Tx, id: string) => Promise<Row | null>;
  /** What the audit trail records of a row: no secret values, only references. */
  auditable: (row: Row) => Record<string, unknown>;
  /** The audit entity id, when the identifier alone is not unique (definitions: `env/id`). */
  auditId?: (row: Row) => string;
  /** The audit scope of a row or key. */
  auditScope: (key: Key) => Pick<ScopeKey, "accountId" | "orgIdentifier" | "projectIdentifier">;
}

/** Who acts (the audit trail's actor and request), and the rows the write refers to. */
export interface Ctx<Key> {
  key: Key;
  by: Actor;
  /** Held for the transaction; one deleted meanwhile is a 422 on its field (held-references.ts). */
  refs?: HeldReference[];
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const isPrisma = (err: unknown, code: string) =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === code;

/** A row this one refers to was deleted between the check and the write (the foreign key refused). */
const referenceGone = (what: string) =>
  new AppError(
    "VALIDATION_FAILED",
    `${what} refers to something that was deleted while it was being saved; check its references and save again`,
  );

/** 409 IN_USE naming every referrer: kind, identifier and scope in the detail and in `extra.references`. */
export function inUse(type: ResourceType, what: string, referrers: Referrer[]): AppError {
  const { verb, advice } = blockedPhrase(type);
  const listed = referrers.map(describeReferrer);
  return new AppError("IN_USE", `${what} ${verb} ${listed.join(", ")}; ${advice}`, {
    extra: { references: referrers },
  });
}

export function defineResource<Row extends Versioned, Key>(kind: ResourceKind<Row, Key>) {
  const word = TYPE_WORDS[kind.type];
  const title = (identifier: string) => `${capital(word)} "${identifier}"`;
  const auditOf = (ctx: Ctx<Key>, row: Row, action: "CREATE" | "UPDATE" | "DELETE") => ({
    actor: ctx.by,
    requestId: ctx.by.requestId,
    action,
    entityType: kind.type,
    entityId: kind.auditId?.(row) ?? row.identifier,
    scope: kind.auditScope(ctx.key),
  });
  const alreadyExists = (key: Key, identifier: string, field: string) =>
    new AppError("ALREADY_EXISTS", `A ${word} "${identifier}" already exists ${kind.where(key)}`, {
      fieldErrors: { [field]: [`Already in use ${kind.where(key)}`] },
    });

  return {
    type: kind.type,
    word,

    /** The row, or 404 naming what was looked for and where. */
    async get(key: Key, identifier: string): Promise<Row> {
      const row = await kind.find(key, identifier);
      if (!row) throw new AppError("NOT_FOUND", `${title(identifier)} does not exist ${kind.where(key)}`);
      return row;
    },

    /** 409 ALREADY_EXISTS at `field` when the identifier is taken (checked again by the unique key). */
    async assertFree(key: Key, identifier: string, field = "identifier"): Promise<void> {
      if (await kind.find(key, identifier)) throw alreadyExists(key, identifier, field);
    },

    /** Identifiers never change: the path names the item, the body must agree. */
    assertSameIdentifier(pathIdentifier: string, bodyIdentifier: string): void {
      if (pathIdentifier !== bodyIdentifier) {
        throw new AppError("VALIDATION_FAILED", `A ${word}'s identifier cannot change`, {
          fieldErrors: { identifier: [`Identifier is immutable; it stays "${pathIdentifier}"`] },
        });
      }
    },

    /** Inserts and audits in one transaction; a lost race on the unique key is the same 409. */
    async create(ctx: Ctx<Key>, identifier: string, insert: (tx: Tx) => Promise<Row>): Promise<Row> {
      try {
        return await db.$transaction(async (tx) => {
          await holdReferences(tx, ctx.refs ?? []);
          const created = await insert(tx);
          await recordAudit(tx, { ...auditOf(ctx, created, "CREATE"), after: kind.auditable(created) });
          return created;
        });
      } catch (err) {
        if (isPrisma(err, "P2002")) throw alreadyExists(ctx.key, identifier, "identifier");
        if (isPrisma(err, "P2003")) throw referenceGone(title(identifier));
        throw err;
      }
    },

    /**
     * Writes only when the row still has `version` (the write returns the rows it changed), then
     * audits before → after; a stale version is 409 with the current one, a vanished row 404.
     */
    async update(
      ctx: Ctx<Key>,
      before: Row,
      version: number,
      write: (tx: Tx) => Promise<number>,
      after?: (tx: Tx, row: Row) => Promise<void>,
    ): Promise<Row> {
      const saved = db.$transaction(async (tx) => {
        await holdReferences(tx, ctx.refs ?? []);
        const written = await write(tx);
        const updated = await kind.reload(tx, before.id);
        if (!updated) throw new AppError("NOT_FOUND", `${title(before.identifier)} was deleted meanwhile`);
        if (written === 0) throw versionConflict(updated.version);
        await after?.(tx, updated);
        await recordAudit(tx, {
          ...auditOf(ctx, updated, "UPDATE"),
          before: kind.auditable(before),
          after: kind.auditable(updated),
        });
        return updated;
      });
      return saved.catch((err: unknown) => {
        throw isPrisma(err, "P2003") ? referenceGone(title(before.identifier)) : err;
      });
    },

    /** Deletes and audits, unless something still refers to the row: 409 naming every referrer. */
    async remove(ctx: Ctx<Key>, row: Row, del: (tx: Tx) => Promise<unknown>): Promise<void> {
      const blocked = async (tx: Tx) => {
        const referrers = await referrersOf(tx, kind.type, row.id);
        return referrers.length ? inUse(kind.type, title(row.identifier), referrers) : null;
      };
      try {
        await db.$transaction(async (tx) => {
          const refusal = await blocked(tx);
          if (refusal) throw refusal;
          await del(tx);
          await recordAudit(tx, { ...auditOf(ctx, row, "DELETE"), before: kind.auditable(row) });
        });
      } catch (err) {
        // A referrer created after the check: the foreign key refused; name it all the same.
        if (isPrisma(err, "P2003")) throw (await blocked(db as unknown as Tx)) ?? err;
        throw err;
      }
    },
  };
}

/** The fields every DTO carries about its row. */
export const rowMeta = (r: { version: number; createdAt: Date; updatedAt: Date }) => ({
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The fields every resource document starts with. */
export const resourceMeta = (r: { name: string; identifier: string; description: string; tags: unknown }) => ({
  name: r.name,
  identifier: r.identifier,
  description: r.description,
  tags: (r.tags ?? {}) as Record<string, string>,
});
