import type { Connection } from 'jsforce';
import type { HttpRequestOptions } from 'jsforce/lib/types';
import { errorCodeOf, IpemuError } from '../../core/errors';
import { isOutputMap } from '../../core/envelope';
import { OrgError, type PackageAnswer, type PackageParams, type WriteOptions } from '../../core/org';
import { isPlainObject } from '../../core/plain-object';
import { scrubSecrets } from '../../core/secrets';
import { settledOrAborted } from '../../core/settled-or-aborted';
import type { OrgRequests } from './org-requests';
import { abortReason } from './request-scope';

/**
 * The managed package's job starters on an org reached through jsforce (DESIGN.md §6). A real org
 * runs them only inside Salesforce, where ipemu cannot; an ipemu mock org (`ipemu mock-org serve`)
 * says what it is on its capabilities route and runs them behind its services route.
 */

/** How a client learns the org is an ipemu mock (ipemu). */
export const CAPABILITIES_PATH = '/services/apexrest/ipemu/v1/capabilities';
/** `POST <path><Class:Method>` with `{ input }` runs that service on the mock (ipemu). */
export const SERVICES_PATH = '/services/apexrest/ipemu/v1/services/';

/** What the capabilities route answers. */
export interface IpemuCapabilities {
  /** The mock's ipemu version. */
  readonly ipemu: string;
  /** The service keys it runs. */
  readonly services: readonly string[];
}

interface HttpError {
  errorCode?: unknown;
  message?: unknown;
  data?: unknown;
}

function isCapabilities(value: unknown): value is IpemuCapabilities {
  return isPlainObject(value) && typeof value.ipemu === 'string' && Array.isArray(value.services) && value.services.every((s) => typeof s === 'string');
}

/**
 * "No such resource": Salesforce's `NOT_FOUND` (an Apex REST URL no class maps answers
 * `[{"errorCode":"NOT_FOUND","message":"Could not find a match for URL …"}]`), or a 404 whose body
 * is not Salesforce's (jsforce names it `ERROR_HTTP_404`, or keeps a `statusCode` of the body).
 */
function isNotFound(err: unknown): boolean {
  const e = err as HttpError | null;
  if (typeof e !== 'object' || e === null) return false;
  if (e.errorCode === 'NOT_FOUND' || e.errorCode === 'ERROR_HTTP_404') return true;
  const data = e.data as { statusCode?: unknown } | null | undefined;
  return typeof data === 'object' && data !== null && data.statusCode === 404;
}

/**
 * The output map of a non-200 answer of the services route. jsforce keeps a body that is not
 * Salesforce's error list as the error's message, under `ERROR_HTTP_<status>`.
 */
function envelopeOf(err: unknown): { errorCode: string; error: string; details?: unknown } | undefined {
  const e = err as HttpError | null;
  if (typeof e !== 'object' || e === null || typeof e.errorCode !== 'string' || !/^ERROR_HTTP_\d{3}$/.test(e.errorCode)) return undefined;
  if (typeof e.message !== 'string') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(e.message);
  } catch {
    return undefined;
  }
  return isOutputMap(body) && errorCodeOf(body.errorCode) !== undefined ? body : undefined;
}

/** An answer of the mock's services route, as the IpemuError of its INVOKE code (the one table), secrets scrubbed. */
function failureOf(envelope: { errorCode: string; error: string; details?: unknown }, secrets: Iterable<string>): IpemuError {
  const code = errorCodeOf(envelope.errorCode) ?? 'ORG_ERROR';
  return new IpemuError(code === 'OK' ? 'ORG_ERROR' : code, scrubSecrets(envelope.error, secrets), envelope.details);
}

export interface PackageCallsParts {
  readonly connection: Connection;
  readonly requests: OrgRequests;
  readonly secrets: Iterable<string>;
  /** jsforce's request options for a request sent once (JsforceOrg's NO_RETRY). */
  readonly once: HttpRequestOptions;
  /** The org's own error mapping (toOrgError, scrubbed and logged). */
  fail(op: string, err: unknown): unknown;
}

/** One connection's package calls: the capabilities probe is made once and remembered. */
export class PackageCalls {
  private probe: Promise<IpemuCapabilities | undefined> | undefined;

  constructor(private readonly parts: PackageCallsParts) {}

  /**
   * What the org says it is: its capabilities, or undefined when it has no capabilities route (a
   * real org). Asked once per connection; a failure (network, session) is not remembered.
   */
  capabilities(signal?: AbortSignal): Promise<IpemuCapabilities | undefined> {
    if (this.probe === undefined) {
      const probe = this.askCapabilities();
      this.probe = probe;
      probe.catch(() => {
        if (this.probe === probe) this.probe = undefined;
      });
    }
    const pending = this.probe;
    if (!signal) return pending;
    // The probe is shared: one caller's deadline ends that caller's wait, not the probe.
    return settledOrAborted(pending, signal, () => {
      throw abortReason(signal);
    });
  }

  private async askCapabilities(): Promise<IpemuCapabilities | undefined> {
    const { connection, requests } = this.parts;
    let body: unknown;
    try {
      body = await requests.run(async () => await connection.request<unknown>({ method: 'GET', url: CAPABILITIES_PATH }));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw this.parts.fail('capabilities', err);
    }
    // Something answers there, but not as ipemu does: not an ipemu mock either.
    return isCapabilities(body) ? { ipemu: body.ipemu, services: [...body.services] } : undefined;
  }

  /** Runs `key` on the mock with `params` as its input and answers the output map's payload; never retried. */
  async call(key: string, params: PackageParams, options: WriteOptions = {}): Promise<PackageAnswer> {
    const { connection, requests, secrets } = this.parts;
    const capabilities = await this.capabilities(options.signal);
    if (capabilities === undefined) {
      throw new IpemuError('NOT_IMPLEMENTED', `${key} runs only on an ipemu mock org; ${connection.instanceUrl} is a real org.`, { service: key });
    }
    if (!capabilities.services.includes(key)) {
      throw new IpemuError('NOT_IMPLEMENTED', `${key} is not run by the ipemu mock org at ${connection.instanceUrl} (ipemu ${capabilities.ipemu}).`, {
        service: key,
      });
    }
    let body: unknown;
    try {
      // Sent once: a job is started at most once, whatever the answer.
      body = await requests.run(
        async () =>
          await connection.request<unknown>(
            {
              method: 'POST',
              url: `${SERVICES_PATH}${encodeURIComponent(key)}`,
              body: JSON.stringify({ input: params }),
              headers: { 'content-type': 'application/json' },
            },
            this.parts.once,
          ),
        options.signal,
      );
    } catch (err) {
      const envelope = envelopeOf(err);
      if (envelope) throw failureOf(envelope, secrets);
      throw this.parts.fail('callPackage', err);
    }
    if (!isOutputMap(body)) throw new OrgError('INVALID_RESPONSE', `The ipemu mock org answered ${key} with a body that is not an output map.`, 502);
    if (body.errorCode !== 'INVOKE-200') throw failureOf(body, secrets);
    // The payload alone: the caller's own invocation answers with its own errorCode and error.
    const payload: PackageAnswer = { ...body };
    delete payload.errorCode;
    delete payload.error;
    return payload;
  }
}
