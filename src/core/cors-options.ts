/**
 * `--cors <origin>` on both servers, off by default: the origins a browser page may call from,
 * and the headers its requests may carry. Plain data here; each server hands it to
 * `@fastify/cors`, which it loads only when an origin is given.
 */

/** The origins `--cors` named (`*` for any); never empty. */
export type CorsOrigins = readonly string[];

/**
 * Request headers a page may send: what Salesforce clients (jsforce in a browser, Postman's web
 * client, Swagger UI) put on REST calls beside the safelisted ones.
 */
export const CORS_ALLOWED_HEADERS: readonly string[] = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Sforce-Query-Options',
  'Sforce-Call-Options',
  'Sforce-Auto-Assign',
  'Sforce-Mru',
  'X-PrettyPrint',
  'X-SFDC-Session',
  'X-Requested-With',
  'If-Match',
  'If-None-Match',
  'If-Modified-Since',
  'If-Unmodified-Since',
];

/** The options `@fastify/cors` takes, as far as ipemu sets them. */
export interface CorsPluginOptions {
  /** One origin (always sent), `*`, or several (the request's own when it is one of them). */
  origin: string | string[];
  methods: string[];
  allowedHeaders: string[];
  /** Preflight answers carry no body: 204. */
  optionsSuccessStatus: number;
  /** A plain OPTIONS without the preflight headers is answered like a preflight, not refused as text/plain. */
  strictPreflight: boolean;
}

/** The `@fastify/cors` options for `origins` on a server whose routes take `methods`. */
export function corsPluginOptions(origins: CorsOrigins, methods: readonly string[]): CorsPluginOptions {
  const origin = origins.includes('*') ? '*' : origins.length === 1 ? origins[0]! : [...origins];
  return { origin, methods: [...methods], allowedHeaders: [...CORS_ALLOWED_HEADERS], optionsSuccessStatus: 204, strictPreflight: false };
}

/**
 * `--cors` values as given: repeatable, each a comma list. An origin is `*` or a scheme, host
 * and optional port with nothing after (what a browser sends in `Origin`); anything else is
 * answered with the reason.
 */
export function parseCorsOrigins(values: readonly string[]): { origins: string[] } | { problem: string } {
  const origins: string[] = [];
  for (const part of values.flatMap((v) => v.split(','))) {
    const origin = part.trim();
    if (origin === '') continue;
    if (origin !== '*' && !isOrigin(origin)) {
      return { problem: `--cors ${origin}: not an origin; give a scheme, host and optional port, like http://localhost:3000, or *.` };
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  if (origins.length === 0) return { problem: '--cors needs an origin, like http://localhost:3000, or *.' };
  return { origins };
}

function isOrigin(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text;
}
