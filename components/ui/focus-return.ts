// Where keyboard focus goes when a dialog closes. The browser puts it back on the control that
// opened the dialog; but that control may go away with the action (a revoked token's Revoke
// button, a deleted row, the empty state's Generate button once there is a token), and focus
// would fall to <body>: a keyboard user would start again from the top of the page.

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

export type FocusOrigin = { element: HTMLElement; label: string; row: Element | null };

/** The focused element when a dialog opens, with what is needed to find a stand-in later. */
export function captureFocusOrigin(): FocusOrigin | null {
  const element = document.activeElement;
  if (!(element instanceof HTMLElement) || element === document.body) return null;
  return { element, label: labelOf(element), row: element.closest("tr") };
}

function labelOf(element: Element) {
  return (element.getAttribute("aria-label") ?? element.textContent ?? "").trim();
}

/** A control like the lost one (the same name), one left in its row, or the page's heading. */
function standIn(origin: FocusOrigin): HTMLElement | null {
  const main = document.querySelector("main") ?? document.body;
  const controls = [...main.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const same = origin.label ? controls.find((c) => c.tagName === origin.element.tagName && labelOf(c) === origin.label) : undefined;
  if (same) return same;
  if (origin.row?.isConnected) {
    const inRow = origin.row.querySelector<HTMLElement>(FOCUSABLE);
    if (inRow) return inRow;
  }
  const heading = main.querySelector<HTMLElement>("h1");
  if (heading && !heading.hasAttribute("tabindex")) heading.tabIndex = -1; // focusable by script only
  return heading;
}

const focusLost = () => !document.activeElement || document.activeElement === document.body || document.activeElement.tagName === "DIALOG";

/**
 * Call right after the dialog closed. If the opener is gone, focus a stand-in now; if it is still
 * there, watch until the user moves on: should it be removed while focused, focus a stand-in then.
 */
export function returnFocus(origin: FocusOrigin | null) {
  if (!origin) return;
  if (!origin.element.isConnected) {
    if (focusLost()) standIn(origin)?.focus();
    return;
  }
  // A dialog removed from the page while open (unmounted) restores nothing by itself.
  if (focusLost()) origin.element.focus();
  const observer = new MutationObserver(() => {
    if (origin.element.isConnected) return;
    stop();
    if (focusLost()) standIn(origin)?.focus();
  });
  const onFocus = (event: FocusEvent) => {
    if (event.target !== origin.element) stop();
  };
  // The user has moved on (focus or a click elsewhere): nothing left to watch.
  const stop = () => {
    observer.disconnect();
    document.removeEventListener("focusin", onFocus, true);
    document.removeEventListener("pointerdown", stop, true);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  document.addEventListener("focusin", onFocus, true);
  document.addEventListener("pointerdown", stop, true);
}
