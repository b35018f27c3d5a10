// Structured JSON logs (pino). Any field whose name looks like a secret is replaced before the
// line is written, at any depth, so a careless `log.info({ body })` cannot leak a value.
import pino from "pino";
import { env } from "./env";
import { redactDeep } from "./redact";

export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: "conduit" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: {
    level: (label) => ({ level: label }),
    log: (obj) => redactDeep(obj) as Record<string, unknown>,
  },
});

export type Logger = pino.Logger;
