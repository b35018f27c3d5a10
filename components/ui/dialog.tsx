"use client";
import * as RD from "@radix-ui/react-dialog";
import * as RA from "@radix-ui/react-alert-dialog";
import { useLayoutEffect, useRef, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

const overlay = "fixed inset-0 z-40 bg-black/40";
// Phones: every dialog takes the whole screen (its own scroll, no page behind to misplace taps).
const panel =
  "fixed left-1/2 top-1/2 z-50 w-[min(92vw,36rem)] max-h-[90vh] overflow-y-auto -translate-x-1/2 -translate-y-1/2 rounded-lg border border-border bg-surface p-6 shadow-xl " +
  "max-sm:inset-0 max-sm:h-dvh max-sm:max-h-none max-sm:w-full max-sm:translate-x-0 max-sm:translate-y-0 max-sm:rounded-none max-sm:border-0 max-sm:p-4 max-sm:pb-[calc(1rem+env(safe-area-inset-bottom))]";

/**
 * Escape closes the innermost layer only. Radix listens for Escape on the document (capture), so
 * it would close the dialog before an open combobox list inside it sees the key: leave that
 * Escape to the list (a control showing a popup list marks itself `data-popup-open`, see
 * Combobox), and the next one to the dialog. A combobox whose list is part of the dialog (the
 * connector picker's search) does not mark itself, so Escape closes the dialog.
 */
export function keepEscapeForOpenList(event: KeyboardEvent) {
  const target = event.target;
  if (target instanceof Element && target.closest("[data-popup-open]")) event.preventDefault();
}

/**
 * Our dialogs are opened by state, not by a Radix Trigger, so Radix has no trigger to return
 * focus to and focus would fall to <body>. Remember what had focus when the dialog opened and go
 * back there on close, as long as it is still on the page.
 */
function useReturnFocus(open: boolean) {
  const opener = useRef<HTMLElement | null>(null);
  // A layout effect runs before the portal mounts the content (and its autofocus).
  useLayoutEffect(() => {
    if (open)
      opener.current =
        document.activeElement instanceof HTMLElement && document.activeElement !== document.body
          ? document.activeElement
          : null;
  }, [open]);
  return (event: Event) => {
    const el = opener.current;
    opener.current = null;
    if (!el?.isConnected) return;
    event.preventDefault();
    el.focus();
  };
}

export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  className,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const onCloseAutoFocus = useReturnFocus(open);
  return (
    <RD.Root open={open} onOpenChange={onOpenChange}>
      <RD.Portal>
        <RD.Overlay className={overlay} />
        <RD.Content
          className={cn(panel, className)}
          onCloseAutoFocus={onCloseAutoFocus}
          onEscapeKeyDown={keepEscapeForOpenList}
        >
          <RD.Title className="text-lg font-semibold">{title}</RD.Title>
          {description ? (
            <RD.Description className="mt-1 text-sm text-muted">{description}</RD.Description>
          ) : (
            <RD.Description className="sr-only">{title}</RD.Description>
          )}
          <div className="mt-4">{children}</div>
          <RD.Close asChild>
            <button
              className="absolute right-3 top-3 grid min-w-7 place-items-center rounded p-1 text-muted hover:bg-surface-2 pointer-coarse:min-w-11"
              aria-label="Close"
            >
              ✕
            </button>
          </RD.Close>
        </RD.Content>
      </RD.Portal>
    </RD.Root>
  );
}

/** A destructive action asks first; the confirm button says exactly what will happen. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  pending,
  error,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  error?: string;
}) {
  const onCloseAutoFocus = useReturnFocus(open);
  return (
    <RA.Root open={open} onOpenChange={onOpenChange}>
      <RA.Portal>
        <RA.Overlay className={overlay} />
        <RA.Content className={panel} onCloseAutoFocus={onCloseAutoFocus} onEscapeKeyDown={keepEscapeForOpenList}>
          <RA.Title className="text-lg font-semibold">{title}</RA.Title>
          <RA.Description className="mt-2 text-sm text-muted">{description}</RA.Description>
          {error && (
            <p role="alert" className="mt-3 rounded-md border border-danger/40 bg-danger/10 p-2 text-sm text-danger">
              {error}
            </p>
          )}
          <div className="mt-6 flex justify-end gap-2">
            <RA.Cancel asChild>
              <Button>Cancel</Button>
            </RA.Cancel>
            <Button variant="danger" loading={pending} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </RA.Content>
      </RA.Portal>
    </RA.Root>
  );
}

/**
 * A panel sliding in from the left edge (the phone navigation): a modal Radix dialog, so focus
 * stays inside while it is open and Escape or a tap outside closes it.
 */
export function Sheet({
  open,
  onOpenChange,
  title,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
}) {
  return (
    <RD.Root open={open} onOpenChange={onOpenChange}>
      <RD.Portal>
        <RD.Overlay className={overlay} />
        <RD.Content
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto border-r border-border bg-surface pb-[env(safe-area-inset-bottom)] shadow-xl"
          onEscapeKeyDown={keepEscapeForOpenList}
        >
          <div className="flex items-center justify-between border-b border-border px-4 py-2">
            <RD.Title className="font-semibold">{title}</RD.Title>
            <RD.Description className="sr-only">{title}</RD.Description>
            <RD.Close asChild>
              <button
                className="grid size-9 place-items-center rounded text-muted hover:bg-surface-2 pointer-coarse:size-11"
                aria-label="Close"
              >
                ✕
              </button>
            </RD.Close>
          </div>
          {children}
        </RD.Content>
      </RD.Portal>
    </RD.Root>
  );
}
