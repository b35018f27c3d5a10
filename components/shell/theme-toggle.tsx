"use client";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { Icon } from "@/components/ui/icons";

// The theme lives on <html class="dark"> (set before paint by app/layout.tsx); watch it there.
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}
const isDark = () => document.documentElement.classList.contains("dark");

export function ThemeToggle() {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  const toggle = () => {
    document.documentElement.classList.toggle("dark", !dark);
    localStorage.setItem("conduit-theme", !dark ? "dark" : "light");
  };
  return (
    <Button variant="ghost" size="sm" onClick={toggle} aria-pressed={dark} aria-label="Dark theme">
      <Icon name={dark ? "moon" : "sun"} />
      <span className="hidden sm:inline">{dark ? "Dark" : "Light"}</span>
    </Button>
  );
}
