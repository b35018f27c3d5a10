"use client";
// Radix tabs with the console's look: arrow keys move between tabs, the panel is labelled by
// its tab, and inactive panels stay unmounted unless `forceMount` is passed.
import * as RT from "@radix-ui/react-tabs";
import type { ComponentPropsWithoutRef } from "react";
import { cn } from "./cn";

export const Tabs = RT.Root;

export function TabsList({ className, ...props }: ComponentPropsWithoutRef<typeof RT.List>) {
  return <RT.List className={cn("flex gap-1 overflow-x-auto border-b border-border", className)} {...props} />;
}

export function TabsTrigger({ className, ...props }: ComponentPropsWithoutRef<typeof RT.Trigger>) {
  return (
    <RT.Trigger
      className={cn(
        "-mb-px inline-flex h-10 shrink-0 items-center gap-2 border-b-2 border-transparent px-3 text-sm font-medium text-muted transition-colors",
        "hover:text-fg data-[state=active]:border-accent data-[state=active]:text-fg",
        "focus-visible:rounded-t-md focus-visible:outline-offset-[-2px]",
        className,
      )}
      {...props}
    />
  );
}

export function TabsContent({ className, ...props }: ComponentPropsWithoutRef<typeof RT.Content>) {
  return <RT.Content className={cn("pt-5 focus-visible:rounded-md", className)} {...props} />;
}
