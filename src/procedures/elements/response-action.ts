/**
 * Response Action: ends the IP (when its condition holds) with the data JSON trimmed by
 * `sendJSONPath` (a path that resolves to nothing gives the whole data JSON, ipemu's reading of
 * vlocity_build's DRExtractWithInput test) or the whole of it with `returnFullDataJSON`,
 * re-parented by `sendJSONNode`, with `additionalOutput` (or only that), trimmed by
 * `responseJSONPath` and placed under `responseJSONNode`. `vlcResponseHeaders` of the outermost IP
 * become the envelope's `responseHeaders` (`StatusCode` sets the HTTP status).
 */
import { isPlainObject } from '../../core/plain-object';
import { scopeOf } from '../runner/types';
import { CONDITION_PROPERTIES } from './action-properties';
import { defineElementType } from './element-type';
import { bool, obj, str } from './properties';

export const responseAction = defineElementType({
  types: ['Response Action'],
  properties: {
    ...CONDITION_PROPERTIES,
    sendJSONPath: str(),
    sendJSONNode: str(),
    returnFullDataJSON: bool(false),
    additionalOutput: obj(),
    returnOnlyAdditionalOutput: bool(false),
    responseJSONPath: str(),
    responseJSONNode: str(),
    vlcResponseHeaders: obj(),
  },
  compile(spec, cc) {
    const { name } = spec.def;
    const p = spec.props;
    const sendPath = cc.path(name, 'sendJSONPath', p.sendJSONPath);
    const sendNode = cc.path(name, 'sendJSONNode', p.sendJSONNode);
    const responsePath = cc.path(name, 'responseJSONPath', p.responseJSONPath);
    const responseNode = cc.path(name, 'responseJSONNode', p.responseJSONNode);
    const full = p.returnFullDataJSON === true;
    const only = p.returnOnlyAdditionalOutput === true;
    const hasAdditional = isPlainObject(p.additionalOutput) && Object.keys(p.additionalOutput).length > 0;
    const additional = hasAdditional || only ? cc.value(name, 'additionalOutput', p.additionalOutput) : undefined;
    const hasHeaders = isPlainObject(p.vlcResponseHeaders) && Object.keys(p.vlcResponseHeaders).length > 0;
    const headers = hasHeaders ? cc.value(name, 'vlcResponseHeaders', p.vlcResponseHeaders) : undefined;

    return (frame, ctx) => {
      const scope = scopeOf(frame, ctx);
      let response: unknown = frame.data;
      if (!full && sendPath) response = sendPath.get(frame.data) ?? frame.data;
      if (sendNode) {
        const wrapped: Record<string, unknown> = {};
        sendNode.set(wrapped, response);
        response = wrapped;
      }
      if (additional) {
        const extra = additional(scope) as Record<string, unknown>;
        response = only || !isPlainObject(response) ? extra : { ...response, ...extra };
      }
      if (responsePath) response = responsePath.get(response);
      if (responseNode) {
        const wrapped: Record<string, unknown> = {};
        responseNode.set(wrapped, response);
        response = wrapped;
      }
      if (headers && ctx.stack.length === 1) ctx.responseHeaders = headers(scope) as Record<string, unknown>;
      frame.ended = { response: response ?? {} };
      return { status: 'ran', output: frame.ended.response };
    };
  },
});
