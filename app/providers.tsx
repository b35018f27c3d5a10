"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { ApiError } from "@/lib/http/client";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 15_000,
            // 4xx answers will not change on retry; network blips and 5xx might.
            retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status < 500),
          },
        },
      }),
  );
  // Marks the document once React owns it, so end-to-end tests (and anything else that must
  // not click a server-rendered button before its handlers exist) can wait for it.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
