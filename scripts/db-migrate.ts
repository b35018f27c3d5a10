// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded
// database when it is unset (started for the run and stopped afterwards).
import { prepareDatabase } from "./lib/database";

const log = (msg: string) => console.log(`[db:migrate] ${msg}`);
prepareDatabase(log)
  .then((db) => db.embedded?.stop())
  .catch((err) => {
    console.error(`[db:migrate] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
