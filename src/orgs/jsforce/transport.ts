import type Transport from 'jsforce/lib/transport';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types';
import type { StreamPromise } from 'jsforce/lib/util/promise';

export interface TransportHooks {
  /** jsforce's GET retry count (its default is 5, about 15 s of backoff on 5xx). */
  maxRetries?: number;
  /** Sees every response status (the refresh guard resets on anything but 401). */
  onResponse?(status: number): void;
}

/**
 * jsforce has no per-connection retry setting; a Transport subclass is its supported seam
 * (Connection keeps `_transport` for exactly this), so jsforce itself stays unmodified.
 * The base class is passed in because jsforce is loaded lazily.
 */
export function createTransport(Base: typeof Transport, hooks: TransportHooks): Transport {
  class IpemuTransport extends Base {
    override httpRequest(req: HttpRequest, options: HttpRequestOptions = {}): StreamPromise<HttpResponse> {
      // A request's own retry setting wins: writes ask for none (JsforceOrg.write), whatever the connection's count.
      const merged: HttpRequestOptions =
        hooks.maxRetries === undefined || options.retry?.maxRetries !== undefined
          ? options
          : { ...options, retry: { ...options.retry, maxRetries: hooks.maxRetries } };
      const pending = super.httpRequest(req, merged);
      if (hooks.onResponse) {
        const onResponse = hooks.onResponse;
        pending.then(
          (res) => onResponse(res.statusCode),
          () => undefined,
        );
      }
      return pending;
    }
  }
  return new IpemuTransport();
}
