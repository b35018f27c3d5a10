// A delegate's connection to the console: register, heartbeat on the interval the console asks
// for, register again when the console no longer knows this instance (409), keep trying with
// backoff while the console cannot be reached, stop for good when the token is refused (401),
// and say goodbye on a graceful stop. Outbound HTTP(S) only: the console never calls a delegate.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { RegisterAnswer } from "@/lib/delegates/schemas";
import { CONDUIT_VERSION } from "@/lib/delegates/version";
import type { DelegateConfig } from "./config";

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

export class TokenRefused extends Error {}

export interface DelegateConnection {
  /** This process's registration now (null while it is not registered). */
  current: () => { delegateId: string; instanceId: string } | null;
  /** Posts to the delegate protocol (`/api/delegate/v1/<path>`) with the token; 401 throws TokenRefused. */
  call: (path: string, body: unknown, signal?: AbortSignal) => Promise<Response>;
  /** Stops with this connection: long polls and task runs listen to it. */
  signal: AbortSignal;
  /** Resolves once registered for the first time. */
  ready: Promise<RegisterAnswer>;
  /** Resolves when the connection ended (stop(), or the token was refused). */
  done: Promise<void>;
  stop: () => Promise<void>;
}

export function connectDelegate(
  config: DelegateConfig,
  log: Logger,
  /** Tasks running now: heartbeats renew their leases. */
  running: ReadonlySet<string> = new Set(),
): DelegateConnection {
  const instanceId = randomUUID();
  const abort = new AbortController();
  let registered: RegisterAnswer | null = null;
  let onReady!: (a: RegisterAnswer) => void;
  let onFailed!: (e: unknown) => void;
  const ready = new Promise<RegisterAnswer>((res, rej) => {
    onReady = res;
    onFailed = rej;
  });
  ready.catch(() => undefined);

  async function call(path: string, body: unknown, own?: AbortSignal): Promise<Response> {
    const signal = own ?? AbortSignal.any([abort.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
    const res = await fetch(`${config.url}/api/delegate/v1/${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${config.token}`,
        "content-type": "application/json",
        "user-agent": `conduit-delegate/${CONDUIT_VERSION}`,
      },
      body: JSON.stringify(body),
      signal,
    });
    if (res.status === 401) throw new TokenRefused("The console refused the delegate token (revoked or mistyped)");
    return res;
  }

  async function register(): Promise<RegisterAnswer> {
    const res = await call("register", {
      name: config.name,
      tags: config.tags,
      version: CONDUIT_VERSION,
      host: config.host,
      instanceId,
    });
    if (!res.ok) throw new Error(`register answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const answer = (await res.json()) as RegisterAnswer;
    log.info({ delegateId: answer.delegateId, name: config.name, tags: config.tags }, "delegate registered");
    return answer;
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      abort.signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
    });

  const done = (async () => {
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        if (!registered) {
          registered = await register();
          onReady(registered);
        } else {
          const res = await call("heartbeat", {
            delegateId: registered.delegateId,
            instanceId,
            running: [...running],
          });
          if (res.status === 409) {
            log.warn("the console does not know this instance any more: registering again");
            registered = null;
            continue;
          }
          if (!res.ok) throw new Error(`heartbeat answered ${res.status}`);
        }
        failures = 0;
        await sleep(registered.heartbeatSeconds * 1000);
      } catch (err) {
        if (abort.signal.aborted) break;
        if (err instanceof TokenRefused) {
          log.error(err.message);
          onFailed(err);
          throw err;
        }
        failures += 1;
        const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 6));
        log.warn({ err: String(err), retryInMs: wait }, "cannot reach the console");
        await sleep(wait);
      }
    }
  })();

  async function stop() {
    const last = registered;
    abort.abort();
    await done.catch(() => undefined);
    if (!last) return;
    // A fresh signal: the loop's is aborted. A goodbye that fails only shows as "disconnected".
    await fetch(`${config.url}/api/delegate/v1/goodbye`, {
      method: "POST",
      headers: { authorization: `Bearer ${config.token}`, "content-type": "application/json" },
      body: JSON.stringify({ delegateId: last.delegateId, instanceId }),
      signal: AbortSignal.timeout(3_000),
    }).catch(() => undefined);
    log.info("delegate stopped");
  }

  return {
    current: () => (registered ? { delegateId: registered.delegateId, instanceId } : null),
    call,
    signal: abort.signal,
    ready,
    done,
    stop,
  };
}
