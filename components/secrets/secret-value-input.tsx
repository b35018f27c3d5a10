"use client";
import { forwardRef, useState, type InputHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";

/**
 * A password-type input for a secret value with a show/hide toggle. It never sets a `value`
 * attribute, so the value stays out of the page's HTML (react-hook-form's register() keeps it
 * in the DOM property only).
 */
export const SecretValueInput = forwardRef<HTMLInputElement, Omit<InputHTMLAttributes<HTMLInputElement>, "type">>(
  function SecretValueInput({ className, ...props }, ref) {
    const [visible, setVisible] = useState(false);
    return (
      <div className="relative">
        <Input
          ref={ref}
          type={visible ? "text" : "password"}
          autoComplete="new-password"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          className={cn("pr-16 font-mono", className)}
          {...props}
        />
        <button
          type="button"
          onClick={() => setVisible((v) => !v)}
          aria-controls={props.id}
          aria-label={visible ? "Hide value" : "Show value"}
          className="absolute inset-y-1 right-1 rounded px-2.5 text-xs font-medium text-muted hover:bg-surface-2 hover:text-fg focus-visible:outline-offset-0"
        >
          {visible ? "Hide" : "Show"}
        </button>
      </div>
    );
  },
);
