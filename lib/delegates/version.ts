// The version a delegate reports, and the console's own: the package's version.
import pkg from "../../package.json" with { type: "json" };

export const CONDUIT_VERSION: string = pkg.version;
