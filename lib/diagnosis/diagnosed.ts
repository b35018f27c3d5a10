// An error that already knows its diagnosis: domain code throws it for failures only it can
// explain (a secret that does not resolve, a connector that cannot be opened).
import type { Diagnosis } from "./types";

export class Diagnosed extends Error {
  constructor(readonly diagnosis: Diagnosis) {
    super(diagnosis.detail);
    this.name = "Diagnosed";
  }
}
