/**
 * Which methods a server's routes take on a concrete path, for the 405 answer both servers give
 * to a method a path does not take (Salesforce names the ones it does in the message and `Allow`).
 * The router finds a handler for a method and a path; it cannot say which other methods a path
 * has, so the servers record each route here as it is declared (fastify's onRoute hook) and ask
 * only when the router found nothing: no cost on a routed request.
 */

/** The order methods are listed in an `Allow` answer. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'];

interface RoutePattern {
  /** Path segments; `:name` matches one non-empty segment, `*` the rest of the path. */
  readonly segments: readonly string[];
  readonly methods: Set<string>;
}

export interface RouteMethodsOptions {
  /** As the router's `ignoreTrailingSlash` and `ignoreDuplicateSlashes`: both on for the fake REST API. */
  lenientSlashes: boolean;
}

function segmentsOf(path: string, lenient: boolean): string[] {
  const parts = path.split('/').slice(1);
  // A doubled slash makes an empty segment, a trailing slash a last empty one.
  return lenient ? parts.filter((part) => part !== '') : parts;
}

function matches(pattern: readonly string[], path: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    if (want === '*') return true;
    const got = path[i];
    if (got === undefined) return false;
    if (want.startsWith(':') ? got === '' : want !== got) return false;
  }
  return pattern.length === path.length;
}

export class RouteMethods {
  private readonly patterns = new Map<string, RoutePattern>();

  constructor(private readonly options: RouteMethodsOptions) {}

  /**
   * Records a route. OPTIONS is left out: the only OPTIONS route is the CORS plugin's catch-all,
   * which would otherwise make every unknown path "exist".
   */
  add(method: string | readonly string[], url: string): void {
    const methods = (typeof method === 'string' ? [method] : method).map((m) => m.toUpperCase()).filter((m) => m !== 'OPTIONS');
    if (methods.length === 0) return;
    const key = segmentsOf(url, this.options.lenientSlashes).join('/');
    let pattern = this.patterns.get(key);
    if (!pattern) {
      pattern = { segments: segmentsOf(url, this.options.lenientSlashes), methods: new Set() };
      this.patterns.set(key, pattern);
    }
    for (const m of methods) pattern.methods.add(m);
  }

  /** The methods routes take on `url` (its query string ignored), in Allow order; empty when no route has the path. */
  allowedOn(url: string): string[] {
    const [path = ''] = url.split('?');
    const segments = segmentsOf(path, this.options.lenientSlashes);
    const found = new Set<string>();
    for (const pattern of this.patterns.values()) {
      if (matches(pattern.segments, segments)) for (const m of pattern.methods) found.add(m);
    }
    return [...found].sort((a, b) => rank(a) - rank(b));
  }
}

function rank(method: string): number {
  const i = METHOD_ORDER.indexOf(method);
  return i === -1 ? METHOD_ORDER.length : i;
}
