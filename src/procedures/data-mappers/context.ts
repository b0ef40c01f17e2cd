import type { Org } from '../../core/org';
import type { VlocityContext } from './formula-items';

/** What one run of a Data Mapper is given: the org (extracts query it), `$Vlocity.*`, and the run's abort signal. */
export interface DataMapperContext {
  readonly org: Org;
  readonly vlocity: VlocityContext;
  readonly signal?: AbortSignal;
}

/** A Data Mapper compiled once at load: its SOQL texts, paths and formulas are fixed; `run` only binds values. */
export interface CompiledDataMapper {
  readonly name: string;
  /** As stored ("Extract", "Turbo Extract", "Transform", "Load"…). */
  readonly type: string;
  run(input: unknown, ctx: DataMapperContext): Promise<unknown>;
}
