// Per-worker setup: point lib/env at the run's database before any module reads it.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.CONDUIT_ACCOUNT_ID = "test_account";
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "silent";
// A fixed test key: tests encrypt and decrypt for real.
process.env.CONDUIT_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
// The fake Kubernetes API and test servers listen on loopback, which the egress policy refuses
// unless allowed (tests of the policy itself change this and call resetEnvCache).
process.env.CONDUIT_EGRESS_ALLOW = "127.0.0.1/32";
