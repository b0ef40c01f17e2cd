import { IpemuError } from './errors';
import type { EmulatorConfig } from './config';
import type { InvokeOptions, ServiceContext } from './define-service';
import type { Logger } from './logger';
import type {
  Binds,
  DescribeResult,
  FinalRows,
  Org,
  PackageAnswer,
  PackageParams,
  QueryMerge,
  QueryOptions,
  QueryResult,
  RecordFields,
  SObjectRecord,
  WriteOptions,
} from './org';

/** A query's options as the org sees them: the caller's merge and final rows, and the invocation's signal, made on first read. */
class ScopedQueryOptions implements QueryOptions {
  constructor(
    private readonly invocation: Invocation,
    readonly merge: QueryMerge | undefined,
    readonly final: FinalRows | undefined,
  ) {}

  get signal(): AbortSignal {
    return this.invocation.signal;
  }
}

/**
 * The org as one invocation sees it: every request carries the invocation's signal, so a handler
 * just calls `org.query(soql, binds)` and a timeout still abandons what is in flight.
 */
class InvocationOrg implements Org {
  constructor(
    private readonly target: Org,
    private readonly invocation: Invocation,
  ) {}

  get cacheKey(): string {
    return this.target.cacheKey;
  }

  query<R = SObjectRecord>(soql: string, binds?: Binds, options?: QueryOptions): Promise<QueryResult<R>> {
    if (options?.signal) return this.target.query<R>(soql, binds, options);
    // The invocation is itself a QueryOptions (its signal, no merge): only a merge or final rows need an object of their own.
    const scoped = options?.merge || options?.final ? new ScopedQueryOptions(this.invocation, options.merge, options.final) : this.invocation;
    return this.target.query<R>(soql, binds, scoped);
  }

  describe(sobject: string, options?: QueryOptions): Promise<DescribeResult> {
    return this.target.describe(sobject, options?.signal ? options : this.invocation);
  }

  /** Writes, present exactly when the target has them (an org without them is read-only), with the invocation's signal. */
  get create(): ((sobject: string, fields: RecordFields, options?: WriteOptions) => Promise<string>) | undefined {
    const target = this.target;
    if (!target.create) return undefined;
    return (sobject, fields, options) => target.create!(sobject, fields, this.writeOptions(options));
  }

  get update(): ((sobject: string, id: string, fields: RecordFields, options?: WriteOptions) => Promise<void>) | undefined {
    const target = this.target;
    if (!target.update) return undefined;
    return (sobject, id, fields, options) => target.update!(sobject, id, fields, this.writeOptions(options));
  }

  get delete(): ((sobject: string, id: string, options?: WriteOptions) => Promise<void>) | undefined {
    const target = this.target;
    if (!target.delete) return undefined;
    return (sobject, id, options) => target.delete!(sobject, id, this.writeOptions(options));
  }

  private writeOptions(options: WriteOptions | undefined): WriteOptions {
    return options?.signal ? options : this.invocation;
  }

  /**
   * Present exactly when the target has it (a service tells a mock org from a real one by it), and
   * a getter so that the invocations that never start a job pay nothing for it.
   */
  get callPackage(): ((key: string, params: PackageParams, options?: WriteOptions) => Promise<PackageAnswer>) | undefined {
    const target = this.target;
    if (!target.callPackage) return undefined;
    return (key, params, options) => target.callPackage!(key, params, this.writeOptions(options));
  }
}

/**
 * One invocation: the handler's context. The AbortSignal is made on first read: the mock org never
 * reads it, and an AbortController costs more than the rest of a jobId lookup.
 */
export class Invocation implements ServiceContext, QueryOptions {
  readonly org: Org;
  private controller?: AbortController;
  private expired = false;

  constructor(
    target: Org,
    readonly options: InvokeOptions,
    readonly logger: Logger,
    readonly config: Readonly<EmulatorConfig>,
  ) {
    this.org = new InvocationOrg(target, this);
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.expired) this.controller.abort(new IpemuError('TIMEOUT', 'timeout'));
    }
    return this.controller.signal;
  }

  /** The deadline passed: read without making the signal. */
  get isExpired(): boolean {
    return this.expired;
  }

  expire(): void {
    this.expired = true;
    this.controller?.abort(new IpemuError('TIMEOUT', 'timeout'));
  }
}
