/** Response Action (IP reference "Elements"): ends the IP, shapes the response, sets headers. */
import { el, library, proc, run } from '../run-helpers';

const sv = el('Build', 'Set Values', { elementValueMap: { Output: { a: 1 } } });

describe('Response Action', () => {
  it('answers the data JSON at sendJSONPath re-parented by sendJSONNode', async () => {
    const lib = library([proc('T_R1', [sv, el('R', 'Response Action', { sendJSONPath: 'Build:Output', sendJSONNode: 'Output' })])]);
    expect((await run(lib, 'T_R1', { q: 1 })).IPResult).toEqual({ Output: { a: 1 } });
  });

  it('falls back to the whole data JSON when sendJSONPath resolves to nothing, then trims by responseJSONPath', async () => {
    const lib = library([
      proc('T_R2', [
        el('X', 'Set Values', { elementValueMap: { v: 1 }, responseJSONNode: 'response' }),
        el('R', 'Response Action', { sendJSONPath: 'X', responseJSONPath: 'response' }),
      ]),
    ]);
    expect((await run(lib, 'T_R2')).IPResult).toEqual({ v: 1 });
  });

  it('ends the IP only when its condition holds', async () => {
    const lib = library([
      proc('T_R3', [
        el('Early', 'Response Action', { executionConditionalFormula: 'stop == true', additionalOutput: { early: true }, returnOnlyAdditionalOutput: true }),
        sv,
        el('Late', 'Response Action', { returnFullDataJSON: true }),
      ]),
    ]);
    expect((await run(lib, 'T_R3', { stop: true })).IPResult).toEqual({ early: true });
    expect((await run(lib, 'T_R3', { stop: false })).IPResult).toEqual({ stop: false, Build: { Output: { a: 1 } } });
  });

  it("puts vlcResponseHeaders (merge fields resolved) in the envelope's responseHeaders", async () => {
    const lib = library([proc('T_R4', [el('R', 'Response Action', { vlcResponseHeaders: { StatusCode: 201, 'X-Ref': '%ref%' } })])]);
    const out = await run(lib, 'T_R4', { ref: 'r1' });
    expect(out.responseHeaders).toEqual({ StatusCode: 201, 'X-Ref': 'r1' });
  });

  it("keeps a called IP's headers out of the envelope", async () => {
    const lib = library([
      proc('T_Inner', [el('R', 'Response Action', { vlcResponseHeaders: { StatusCode: 202 } })]),
      proc('T_Outer', [el('Call', 'Integration Procedure Action', { integrationProcedureKey: 'T_Inner' })]),
    ]);
    expect(await run(lib, 'T_Outer')).not.toHaveProperty('responseHeaders');
  });

  it('answers the whole data JSON with returnFullDataJSON, whatever sendJSONPath says', async () => {
    const lib = library([proc('T_R5', [sv, el('R', 'Response Action', { returnFullDataJSON: true, sendJSONPath: 'Build:Output' })])]);
    expect((await run(lib, 'T_R5', { q: 1 })).IPResult).toEqual({ q: 1, Build: { Output: { a: 1 } } });
  });
});
