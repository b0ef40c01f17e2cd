/**
 * Cache Block: the first run of its children records what they write into the data JSON; a later
 * run with the same `cacheKeys` values within `ttlMinutes` replays those writes instead of running
 * the children. The cache is the library's (bounded, lru-cache) and its clock is injectable. A
 * block whose children ended the IP or failed is not cached; test runs (mocks) never share entries
 * with other runs.
 */
import { isPlainObject } from '../../core/plain-object';
import { freshCopy, writeData } from '../runner/data-json';
import { runSequence } from '../runner/sequence';
import type { DataWrite } from '../runner/types';
import { scopeOf } from '../runner/types';
import { compileValueOrPath } from '../runner/value-or-path';
import { CONDITION_PROPERTIES } from './action-properties';
import { defineElementType } from './element-type';
import { json, num } from './properties';

const DEFAULT_TTL_MINUTES = 5;

export const cacheBlock = defineElementType({
  types: ['Cache Block'],
  properties: { ...CONDITION_PROPERTIES, cacheKeys: json([]), ttlMinutes: num(DEFAULT_TTL_MINUTES) },
  compile(spec, cc) {
    const { name } = spec.def;
    const children = cc.children(spec.def.children);
    const raw = spec.props.cacheKeys;
    const keyList = Array.isArray(raw) ? raw : isPlainObject(raw) ? Object.values(raw) : typeof raw === 'string' && raw !== '' ? raw.split(',') : [];
    const keys = keyList.map((k, i) => compileValueOrPath(cc, name, `cacheKeys[${i}]`, typeof k === 'string' ? k.trim() : k));
    const minutes = typeof spec.props.ttlMinutes === 'number' && spec.props.ttlMinutes > 0 ? spec.props.ttlMinutes : DEFAULT_TTL_MINUTES;
    const ttlMs = minutes * 60_000;
    const prefix = JSON.stringify([cc.procedureKey, name]);

    return async (frame, ctx) => {
      const scope = scopeOf(frame, ctx);
      const key = `${prefix}${ctx.options.test === true ? 'test' : ''}${JSON.stringify(keys.map((k) => k(scope) ?? null))}`;
      const hit = cc.library.cache.get(key);
      if (hit !== undefined) {
        for (const write of hit) writeData(frame, write.target, freshCopy(write.value));
        return { status: 'ran', reason: 'cache hit: children not run' };
      }
      const writes: DataWrite[] = [];
      const recorders = (frame.recorders ??= []);
      recorders.push(writes);
      const failedBefore = frame.failedSteps ?? 0;
      try {
        await runSequence(children, frame, ctx);
      } finally {
        recorders.pop();
      }
      if (!frame.ended && (frame.failedSteps ?? 0) === failedBefore) cc.library.cache.set(key, writes, ttlMs);
      return { status: 'ran' };
    };
  },
});
