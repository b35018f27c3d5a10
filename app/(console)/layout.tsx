import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { HomeScope } from "@/components/identity/home-scope";
import { UserMenu } from "@/components/identity/user-menu";
import { MobileNav } from "@/components/shell/mobile-nav";
import { ScopeSwitcher } from "@/components/shell/scope-switcher";
import { Sidebar } from "@/components/shell/sidebar";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { AccountPermissions } from "./_components/account-permissions";

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex min-h-14 items-center gap-x-4 border-b border-border bg-surface px-4 py-2 max-sm:gap-x-2 max-sm:px-2">
        <Suspense>
          <AccountPermissions>
            <MobileNav />
          </AccountPermissions>
        </Suspense>
        <Link href="/connectors" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-accent text-accent-fg">
            C
          </span>
          <span className="max-sm:sr-only">Conduit</span>
        </Link>
        <div className="ml-auto flex min-w-0 items-center gap-2 max-sm:gap-1">
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
      {/* Below md the sidebar is the header's menu button and drawer (MobileNav). */}
      <div className="flex flex-1">
        <aside className="w-56 shrink-0 border-r border-border bg-surface max-md:hidden">
          <Suspense>
            <AccountPermissions>
              <Sidebar />
            </AccountPermissions>
          </Suspense>
        </aside>
        <main id="main" className="min-w-0 flex-1 px-8 py-6 max-lg:px-5 max-sm:px-3 max-sm:py-4">
          <Suspense>{children}</Suspense>
        </main>
      </div>
    </div>
  );
}
