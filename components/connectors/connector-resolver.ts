// The wizard's validation: the API's own zod contract. Imported by the wizard on its first check
// (Next, Save), not with the page, so zod is not part of /connectors/new's first load.
import { zodResolver } from "@hookform/resolvers/zod";
import { connectorInputSchema } from "@/lib/connectors/schemas";

export const connectorResolver = zodResolver(connectorInputSchema);
