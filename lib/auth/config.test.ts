// Identity settings read from the environment: SSO role mappings (which a bad value must stop at
// start, not half-apply), the console origin, the derived auth secret, and the stored hash.
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { authSecret, consoleOrigin, mappedRoles, parseRoleMappings, sha256, trustedOrigins } from "./config";

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["CONDUIT_PUBLIC_URL", "PORT", "CONDUIT_SECRET_KEY"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvCache();
});

describe("parseRoleMappings", () => {
  it("reads group and domain mappings at the account, an org or a project", () => {
    expect(
      parseRoleMappings(
        "group:platform=account_admin; domain:example.com=viewer@default/payments ;group:devs=editor@eng;",
      ),
    ).toEqual([
      {
        match: { kind: "group", value: "platform" },
        role: "account_admin",
        scope: { orgIdentifier: "", projectIdentifier: "" },
      },
      {
        match: { kind: "domain", value: "example.com" },
        role: "viewer",
        scope: { orgIdentifier: "default", projectIdentifier: "payments" },
      },
      {
        match: { kind: "group", value: "devs" },
        role: "editor",
        scope: { orgIdentifier: "eng", projectIdentifier: "" },
      },
    ]);
  });

  it("reads nothing from an empty value or stray separators", () => {
    expect(parseRoleMappings("")).toEqual([]);
    expect(parseRoleMappings(" ; ;  ")).toEqual([]);
  });

  it("keeps group names with spaces and punctuation, trimmed", () => {
    expect(parseRoleMappings("group:Platform Team (EU) =viewer")[0]!.match).toEqual({
      kind: "group",
      value: "Platform Team (EU)",
    });
  });

  it.each([
    ["no role", "group:platform"],
    ["an unknown kind", "team:platform=viewer"],
    ["an empty name", "group:=viewer"],
    ["an empty scope", "group:x=viewer@"],
    ["three scope levels", "group:x=viewer@a/b/c"],
    ["an upper-case role", "group:x=Viewer"],
  ])("refuses %s, quoting the entry and the expected form", (_, entry) => {
    expect(() => parseRoleMappings(`group:ok=viewer;${entry}`)).toThrow(
      `CONDUIT_SSO_ROLE_MAPPINGS: "${entry}" is not <group|domain>:<name>=<role>[@org[/project]]`,
    );
  });

  it("refuses admin roles bound below their own level", () => {
    expect(() => parseRoleMappings("group:a=account_admin@default")).toThrow(/below its own level/);
    expect(() => parseRoleMappings("group:a=org_admin@default/p")).toThrow(/below its own level/);
    expect(parseRoleMappings("group:a=org_admin@default")).toHaveLength(1);
  });

  it("refuses a role that does not exist, listing the ones that do", () => {
    expect(() => parseRoleMappings("group:x=superuser")).toThrow(
      'CONDUIT_SSO_ROLE_MAPPINGS: "superuser" is not a role (account_admin, org_admin, project_admin, editor, viewer)',
    );
  });
});

describe("mappedRoles", () => {
  const mappings = parseRoleMappings(
    "group:platform=account_admin; group:devs=editor@eng/web; domain:Example.COM=viewer@eng; domain:other.org=viewer",
  );

  it("applies every mapping whose group the user is in or whose domain is the email's", () => {
    const got = mappedRoles(mappings, { email: "ana@example.com", groups: ["devs", "platform"] });
    expect(got.map((m) => m.role)).toEqual(["account_admin", "editor", "viewer"]);
  });

  it("compares domains without case, groups exactly", () => {
    expect(mappedRoles(mappings, { email: "Ana@EXAMPLE.com", groups: [] }).map((m) => m.role)).toEqual(["viewer"]);
    expect(mappedRoles(mappings, { email: "x@nowhere.io", groups: ["Platform", "dev"] })).toEqual([]);
  });

  it("matches the whole domain, not a suffix or a subdomain", () => {
    expect(mappedRoles(mappings, { email: "x@mail.example.com", groups: [] })).toEqual([]);
    expect(mappedRoles(mappings, { email: "x@notother.org", groups: [] })).toEqual([]);
  });
});

describe("origins and secrets", () => {
  it("serve the console at CONDUIT_PUBLIC_URL's origin, else localhost and the port", () => {
    process.env.PORT = "4100";
    delete process.env.CONDUIT_PUBLIC_URL;
    resetEnvCache();
    expect(consoleOrigin()).toBe("http://localhost:4100");
    expect(trustedOrigins()).toEqual(["http://localhost:4100", "http://127.0.0.1:4100", "http://[::1]:4100"]);
    process.env.CONDUIT_PUBLIC_URL = "https://conduit.example.com/base/";
    resetEnvCache();
    expect(consoleOrigin()).toBe("https://conduit.example.com");
    expect(trustedOrigins()).toEqual(["https://conduit.example.com"]);
  });

  it("derive the auth secret from CONDUIT_SECRET_KEY: stable, 32 bytes, not the key itself", () => {
    const key = Buffer.alloc(32, 9).toString("base64");
    process.env.CONDUIT_SECRET_KEY = key;
    resetEnvCache();
    const a = authSecret();
    expect(Buffer.from(a, "base64")).toHaveLength(32);
    expect(a).not.toBe(key);
    expect(authSecret()).toBe(a);
    process.env.CONDUIT_SECRET_KEY = Buffer.alloc(32, 10).toString("base64");
    resetEnvCache();
    expect(authSecret()).not.toBe(a);
    delete process.env.CONDUIT_SECRET_KEY;
    resetEnvCache();
    expect(() => authSecret()).toThrow(/CONDUIT_SECRET_KEY is not set/);
  });

  it("hash with SHA-256 as hex", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
