import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { HomeScope } from "@/components/identity/home-scope";
import { UserMenu } from "@/components/identity/user-menu";
import { ScopeSwitcher } from "@/components/shell/scope-switcher";
import { Sidebar } from "@/components/shell/sidebar";
import { ThemeToggle } from "@/components/shell/theme-toggle";

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex min-h-14 flex-wrap items-center gap-x-4 gap-y-2 border-b border-border bg-surface px-4 py-2">
        <Link href="/connectors" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-accent text-accent-fg">
            C
          </span>
          Conduit
        </Link>
        <div className="ml-auto flex items-center gap-2">
          <Suspense>
            <ScopeSwitcher />
          </Suspense>
          <ThemeToggle />
          <Suspense>
            <UserMenu />
            <HomeScope />
          </Suspense>
        </div>
      </header>
      {/* Phones: the navigation becomes a scrolling row above the page instead of a column beside it. */}
      <div className="flex flex-1 max-sm:flex-col">
        <aside className="w-56 shrink-0 border-r border-border bg-surface max-md:w-48 max-sm:w-full max-sm:border-r-0 max-sm:border-b">
          <Suspense>
            <Sidebar />
          </Suspense>
        </aside>
        <main id="main" className="min-w-0 flex-1 px-8 py-6 max-lg:px-5 max-sm:px-3">
          <Suspense>{children}</Suspense>
        </main>
      </div>
    </div>
  );
}
