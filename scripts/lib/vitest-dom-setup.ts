// Per-file setup for the "components" Vitest project (jsdom): Testing Library's matchers and
// cleanup, and the browser APIs Radix UI calls that jsdom does not implement.
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// Vitest has no global afterEach (globals are off), so Testing Library cannot register its own
// cleanup: without this, every rendered tree stays in the document for the next test.
afterEach(() => cleanup());

// Radix measures popper anchors (useSize) with ResizeObserver.
globalThis.ResizeObserver ??= class ResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// Radix Select releases pointer capture on its trigger and scrolls the active option into view.
const el = Element.prototype as Partial<Element>;
el.hasPointerCapture ??= () => false;
el.setPointerCapture ??= () => {};
el.releasePointerCapture ??= () => {};
el.scrollIntoView ??= () => {};
