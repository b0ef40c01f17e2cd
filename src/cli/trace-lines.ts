/**
 * `ipemu ip run --trace`: the envelope's `trace` as the IP Designer's preview shows a run, one line
 * per element: status, name, type, time, then its output, compact and cut short.
 */
import { isPlainObject } from '../core/plain-object';
import { oneLine } from './one-line';

/** Longest output shown on a line; the whole of it is in `--json`'s `trace`. */
export const MAX_TRACE_OUTPUT_CHARS = 200;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The output as compact JSON on one line, or undefined when there is none. */
function outputText(output: unknown): string | undefined {
  if (output === undefined) return undefined;
  let text: string | undefined;
  try {
    text = JSON.stringify(output);
  } catch {
    text = undefined;
  }
  return text === undefined ? undefined : shorten(oneLine(text), MAX_TRACE_OUTPUT_CHARS);
}

function msText(ms: unknown): string | undefined {
  return typeof ms === 'number' && Number.isFinite(ms) ? `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms` : undefined;
}

/** One line of a trace entry: `ran      Name (Type) 1.2 ms → {"a":1}`; `skipped  Name (Type): why`. */
export function traceLine(entry: unknown): string {
  if (!isPlainObject(entry)) return `?        ${shorten(oneLine(String(entry)), MAX_TRACE_OUTPUT_CHARS)}`;
  const status = typeof entry.status === 'string' ? entry.status : '?';
  const name = oneLine(String(entry.name ?? '?'));
  const type = oneLine(String(entry.type ?? '?'));
  let line = `${status.padEnd(8)} ${name} (${type})`;
  if (status === 'skipped') return typeof entry.reason === 'string' ? `${line}: ${oneLine(entry.reason)}` : line;
  const ms = msText(entry.ms);
  if (ms !== undefined) line += ` ${ms}`;
  if (typeof entry.reason === 'string') line += `: ${oneLine(entry.reason)}`;
  const output = outputText(entry.output);
  return output === undefined ? line : `${line} → ${output}`;
}

/** Every line of an envelope's trace; none when it has none. */
export function traceLines(trace: unknown): string[] {
  return Array.isArray(trace) ? trace.map(traceLine) : [];
}
