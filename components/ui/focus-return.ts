// Where keyboard focus goes when a dialog closes. Radix gives focus back to a Dialog.Trigger; ours
// open from many controls (a row's button, a menu's item, a page's button), so we remember the
// opener. It may also go away with the action (a revoked token's Revoke button, a deleted row, the
// empty state's Generate button once there is a token), and focus would fall to <body>: a
// keyboard user would start again from the top of the page. Then a stand-in gets it.

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';
const LAYERS = '[role="dialog"], [role="menu"]';

export type FocusOrigin = { element: HTMLElement; label: string; row: Element | null };

// The last control focused outside any dialog or menu. A dialog opened from a menu item, or the
// reveal that follows the generate dialog, opens once focus has already left its real opener.
let lastOpener: HTMLElement | null = null;
let tracking = false;

/** Starts remembering openers (once per page). */
export function trackOpeners() {
  if (tracking) return;
  tracking = true;
  document.addEventListener(
    "focusin",
    (event) => {
      if (event.target instanceof HTMLElement && !event.target.closest(LAYERS)) lastOpener = event.target;
    },
    true,
  );
}

/** The control that opened the dialog, with what is needed to find a stand-in later. */
export function captureFocusOrigin(): FocusOrigin | null {
  const active = document.activeElement;
  const element = active instanceof HTMLElement && active !== document.body && !active.closest(LAYERS) ? active : lastOpener;
  if (!element) return null;
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

/** Focus is nowhere a person can act: on <body>, or on a dialog's own box after its focused control went away. */
export function focusLost() {
  const active = document.activeElement;
  return !active || active === document.body || active.getAttribute("role") === "dialog";
}

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
  // Another dialog may have taken focus already (the reveal after generate): leave it there.
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
