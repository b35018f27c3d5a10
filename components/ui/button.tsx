"use client";
import { Slot } from "@radix-ui/react-slot";
import { forwardRef, isValidElement, useId, type ButtonHTMLAttributes, type ReactNode } from "react";
import { cn } from "./cn";
import { Spinner } from "./spinner";

type Variant = "primary" | "secondary" | "ghost" | "danger";
const variants: Record<Variant, string> = {
  primary: "bg-accent text-accent-fg hover:opacity-90 border border-transparent",
  secondary: "bg-surface text-fg border border-border hover:bg-surface-2",
  ghost: "bg-transparent text-fg border border-transparent hover:bg-surface-2",
  danger: "bg-danger text-white border border-transparent hover:opacity-90",
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: "sm" | "md";
  loading?: boolean;
  asChild?: boolean;
  /**
   * Why the action is not available (e.g. a missing permission). The button stays focusable so
   * keyboard and screen-reader users find it and hear the reason; clicks do nothing. A link
   * (`asChild`) becomes a plain button showing the link's text.
   */
  disabledReason?: string;
}

/** The text of `<Link>…</Link>` when a link button is shown as unavailable. */
const innerText = (children: ReactNode): ReactNode =>
  isValidElement<{ children?: ReactNode }>(children) ? children.props.children : children;

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  {
    variant = "secondary",
    size = "md",
    loading,
    asChild,
    disabledReason,
    className,
    children,
    disabled,
    type,
    onClick,
    ...props
  },
  ref,
) {
  const reasonId = useId();
  const classes = cn(
    "inline-flex items-center justify-center gap-2 rounded-md font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50",
    "aria-disabled:cursor-not-allowed aria-disabled:opacity-50",
    size === "sm" ? "h-8 px-3 text-sm" : "h-9 px-4 text-sm",
    // Touch screens: 44 px targets (a link shown as a button too; globals.css covers <button>).
    "pointer-coarse:min-h-11",
    variants[variant],
    className,
  );
  if (disabledReason) {
    // The reason is the button's description (a tooltip for the pointer; for assistive
    // technology a hidden element, which aria-describedby still reads); its name stays as is.
    const describedBy = [props["aria-describedby"], reasonId].filter(Boolean).join(" ");
    return (
      <>
        <button
          ref={ref}
          type="button"
          {...props}
          aria-disabled
          aria-describedby={describedBy}
          title={disabledReason}
          className={classes}
          onClick={(e) => e.preventDefault()}
        >
          {asChild ? innerText(children) : children}
        </button>
        <span id={reasonId} hidden>
          {disabledReason}
        </span>
      </>
    );
  }
  const Comp = asChild ? Slot : "button";
  return (
    <Comp
      ref={ref}
      type={asChild ? undefined : (type ?? "button")}
      disabled={asChild ? undefined : disabled || loading}
      aria-busy={loading || undefined}
      className={classes}
      onClick={onClick}
      {...props}
    >
      {asChild ? (
        children
      ) : (
        <>
          {loading && <Spinner className="size-4" />}
          {children}
        </>
      )}
    </Comp>
  );
});
