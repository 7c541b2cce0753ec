"use client";
// The API reference: Scalar's API reference (@scalar/api-reference, its browser bundle served by
// the console at /docs/reference.js) rendering /api/openapi.json, inside the console's layout.
// Nothing leaves the console: no fonts from a CDN, no telemetry, no AI agent, no request proxy.
// Like the rest of the console it follows the system's light or dark mode (Scalar does so by
// itself when no mode is forced; its toggle is hidden).
import Script from "next/script";
import { useEffect, useRef, useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";

type ScalarInstance = { destroy: () => void };
type ScalarGlobal = { createApiReference: (element: HTMLElement, config: Record<string, unknown>) => ScalarInstance };

export const REFERENCE_SCRIPT = "/docs/reference.js";

function configuration(url: string) {
  return {
    url,
    _integration: "nextjs",
    layout: "modern",
    theme: "default",
    hideDarkModeToggle: true,
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: "never",
    hideClientButton: true,
    hideTestRequestButton: true,
    documentDownloadType: "json",
    defaultOpenAllTags: false,
    customCss: CUSTOM_CSS,
  };
}

/** Scalar in the console's fonts and colors (Tailwind's zinc and indigo), its sticky sidebar
 * below the console's sticky header (h-14). */
const CUSTOM_CSS = `
.scalar-app, .scalar-api-reference {
  --scalar-font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", monospace;
  --scalar-custom-header-height: 3.5rem;
}
.light-mode .scalar-app, .light-mode .scalar-api-reference {
  --scalar-color-accent: #4f46e5; --scalar-background-1: #fff; --scalar-background-2: #fafafa; --scalar-background-3: #f4f4f5; --scalar-border-color: #e4e4e7;
  /* WCAG AA (4.5:1) on every background above: muted text and code colors one step darker than Scalar's. */
  --scalar-color-3: #52525b; --scalar-color-green: #047857; --scalar-color-blue: #1d4ed8; --scalar-color-orange: #c2410c;
  --scalar-color-red: #b91c1c; --scalar-color-purple: #7e22ce; --scalar-color-yellow: #a16207;
}
.dark-mode .scalar-app, .dark-mode .scalar-api-reference {
  --scalar-color-accent: #818cf8; --scalar-background-1: #09090b; --scalar-background-2: #18181b; --scalar-background-3: #27272a; --scalar-border-color: #27272a;
  --scalar-color-3: #a1a1aa;
}
.light-mode .sidebar-search-placeholder { color: #52525b; }
.dark-mode .sidebar-search-placeholder { color: #a1a1aa; }
/* A visible focus ring on every control, as on the console's other pages. */
.scalar-app :focus-visible, .scalar-api-reference :focus-visible {
  outline: 2px solid var(--scalar-color-accent) !important; outline-offset: 2px;
}
`;

export function ApiReference({ documentUrl, nonce }: { documentUrl: string; nonce?: string }) {
  const mount = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const scalar = (window as unknown as { Scalar?: ScalarGlobal }).Scalar;
    if (!loaded || !scalar || !mount.current) return;
    const reference = scalar.createApiReference(mount.current, configuration(documentUrl));
    return () => {
      reference.destroy();
      // Scalar marks <body> with its color mode; the console's other pages don't use it.
      document.body.classList.remove("light-mode", "dark-mode");
    };
  }, [loaded, documentUrl]);

  return (
    <>
      <Script src={REFERENCE_SCRIPT} nonce={nonce} strategy="afterInteractive" onReady={() => setLoaded(true)} onError={() => setFailed(true)} />
      {failed ? <ErrorBanner>The API reference could not load. The OpenAPI document is at {documentUrl}.</ErrorBanner> : null}
      <div className="overflow-clip rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <div ref={mount} className="min-h-[60vh]" aria-busy={!loaded} />
      </div>
    </>
  );
}
