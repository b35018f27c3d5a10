"use client";
// The filter row above every list: a search box that queries on pause, the page's own filters,
// "Clear filters" while any is set, and a quiet spinner while new results load.
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";

/** What the user types, and `q`: the trimmed text once typing pauses (undefined when empty). */
export function useListSearch(ms = 300) {
  const [text, setText] = useState("");
  const q = useDebouncedValue(text.trim(), ms);
  return { text, setText, q: q || undefined };
}

export function FilterBar({
  label,
  search,
  children,
  onClear,
  updating,
}: {
  /** Names the search landmark ("Filter connectors"). */
  label: string;
  search?: {
    id: string;
    value: string;
    onChange: (text: string) => void;
    label?: string;
    placeholder?: string;
  };
  /** The page's filters (FilterSelect). */
  children?: ReactNode;
  /** Set while a filter is active: offers to clear them all. */
  onClear?: () => void;
  updating?: boolean;
}) {
  const searchLabel = search?.label ?? "Search by name or identifier";
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2" role="search" aria-label={label}>
      {search && (
        <>
          <label htmlFor={search.id} className="sr-only">
            {searchLabel}
          </label>
          <Input
            id={search.id}
            type="search"
            value={search.value}
            onChange={(e) => search.onChange(e.target.value)}
            placeholder={search.placeholder ?? "Search by name or identifier"}
            className="min-w-40 flex-1 max-sm:basis-full sm:max-w-80"
          />
        </>
      )}
      {children}
      {onClear && (
        <Button variant="ghost" size="sm" onClick={onClear}>
          Clear filters
        </Button>
      )}
      {updating && <Spinner label="Updating results" className="size-4 text-muted" />}
    </div>
  );
}

/** A select whose first option means "no filter" (the empty value). */
export function FilterSelect<V extends string>({
  id,
  label,
  value,
  onChange,
  all,
  options,
  disabled,
  className,
}: {
  id: string;
  label: string;
  value: V | "";
  onChange: (value: V | "") => void;
  /** The no-filter option's text ("All types"). */
  all: string;
  options: readonly { value: V; label: string }[];
  disabled?: boolean;
  className?: string;
}) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as V | "")}
        className={cn("w-48 shrink-0 max-sm:w-auto max-sm:min-w-0 max-sm:flex-1", className)}
      >
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </>
  );
}
