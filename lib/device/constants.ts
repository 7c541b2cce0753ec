// RFC 8628 device authorization: the code alphabet and lifetimes. Imports nothing.

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** How long a device code and its user code live. */
export const DEVICE_CODE_TTL_SECONDS = 10 * 60;
/** The least time between two polls; polling sooner answers slow_down and adds SLOW_DOWN_SECONDS. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const SLOW_DOWN_SECONDS = 5;
/** User codes: 8 letters without vowels (no words) nor look-alikes, shown as XXXX-XXXX (RFC 8628 6.1). */
export const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
export const USER_CODE_LENGTH = 8;
export const DEVICE_PAGE = "/device";
