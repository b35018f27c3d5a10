import { describe, expect, it } from "vitest";
import { nameFromHost, readDelegateConfig } from "./config";

const TOKEN = `cdd_${"a".repeat(43)}`;

describe("a delegate's configuration", () => {
  it("reads the console URL, token, name and tags", () => {
    expect(
      readDelegateConfig({
        CONDUIT_URL: "https://conduit.example.com/",
        CONDUIT_DELEGATE_TOKEN: TOKEN,
        DELEGATE_NAME: "vpc-prod-1",
        DELEGATE_TAGS: " vpc-prod, eu ,,eu",
      }),
    ).toMatchObject({ url: "https://conduit.example.com", token: TOKEN, name: "vpc-prod-1", tags: ["vpc-prod", "eu"] });
  });

  it("names each wrong variable and refuses to start", () => {
    expect(() =>
      readDelegateConfig({
        CONDUIT_URL: "ftp://conduit",
        CONDUIT_DELEGATE_TOKEN: "cdt_an-api-token-is-not-a-delegate-token",
        DELEGATE_NAME: "Not A Name",
        DELEGATE_TAGS: "has space",
      }),
    ).toThrow(/CONDUIT_URL[\s\S]*CONDUIT_DELEGATE_TOKEN[\s\S]*DELEGATE_NAME[\s\S]*DELEGATE_TAGS/);
  });

  it("without a name, takes the host's, made a valid name", () => {
    expect(nameFromHost("ip-10-0-1-17.EC2.internal")).toBe("ip-10-0-1-17-ec2-internal");
    expect(nameFromHost("___")).toBe("delegate");
  });
});
