/** Where ipemu's servers listen unless told otherwise (`ipemu serve`, `ipemu mock-org serve`, the library). */

/** Loopback only: DESIGN.md §4 binds 127.0.0.1 unless --host says otherwise. */
export const DEFAULT_HOST = '127.0.0.1';

/** `ipemu serve`'s port. (`mock-org serve` picks a free one by default.) */
export const DEFAULT_SERVE_PORT = 8080;
