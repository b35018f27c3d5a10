// better-auth's routes follow the house rules for input too: control characters and lone
// surrogates in the query or a JSON body are 400 problem+json naming the field, before
// better-auth (and PostgreSQL) see them; bodies are limited like every other route's.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { authRoutes } from "./auth-routes";
import { DEFAULT_BODY_LIMIT } from "./route";

const { GET, POST } = authRoutes();
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  POST(
    new NextRequest(`http://localhost/api/auth/${path}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as { code: string; fieldErrors?: Record<string, string[]> };
}

describe("auth routes refuse control characters and lone surrogates", () => {
  it("in the query", async () => {
    const res = await GET(new NextRequest("http://localhost/api/auth/get-session?x=a%00b"));
    expect((await problem(res, 400)).fieldErrors).toEqual({ x: ["Contains a control character; remove it"] });
  });

  it("in the path", async () => {
    const res = await GET(new NextRequest("http://localhost/api/auth/get%00session"));
    expect((await problem(res, 400)).fieldErrors).toEqual({ path: ["Contains a control character; remove it"] });
  });

  it("in a JSON body, naming the field", async () => {
    const nul = await post("sign-in/email", JSON.stringify({ email: "a\u0000@example.com", password: "x" }));
    expect(Object.keys((await problem(nul, 400)).fieldErrors ?? {})).toEqual(["email"]);
    const lone = await post("sign-in/email", '{"email":"a@example.com","password":"\\ud800"}');
    expect(Object.keys((await problem(lone, 400)).fieldErrors ?? {})).toEqual(["password"]);
  });

  it("and a body over the limit is 413", async () => {
    const big = await post(
      "sign-in/email",
      JSON.stringify({ email: "a@example.com", password: "x".repeat(DEFAULT_BODY_LIMIT) }),
    );
    expect((await problem(big, 413)).code).toBe("PAYLOAD_TOO_LARGE");
  });
});
