/** Loop Block (IP reference "Elements"; its output shape is ipemu's reading, see loop-block.ts). */
import { assembleEmulator } from '../../../src/core/emulator';
import { builtInServices } from '../../../src/services';
import { demo, el, library, proc, run } from '../run-helpers';

const respond = el('Respond', 'Response Action', { returnFullDataJSON: true });

describe('Loop Block', () => {
  const loop = (props = {}) =>
    library([
      proc('T_Loop', [
        el('Each', 'Loop Block', { loopList: 'order:items', ...props }, [
          el('Line', 'Set Values', { elementValueMap: { total: '=%order:items:qty% * %order:items:price%', last: '%order:items:sku%' } }),
        ]),
        respond,
      ]),
    ]);
  const input = {
    order: {
      items: [
        { sku: 'A', qty: 2, price: 3 },
        { sku: 'B', qty: 1, price: 10 },
      ],
    },
  };

  it('runs its children once per item, each seeing the current item where the list was, and restores the list after', async () => {
    const out = await run(loop({ loopOutput: { total: '%Line:total%' } }), 'T_Loop', input);
    expect(out.IPResult).toEqual({ ...input, Each: [{ total: 6 }, { total: 10 }], Line: { total: 10, last: 'B' } });
  });

  it('writes one { success: "OK" } per iteration under its name without loopOutput, and keeps the last write of its children', async () => {
    const out = await run(loop(), 'T_Loop', input);
    expect(out.IPResult).toMatchObject({ Each: [{ success: 'OK' }, { success: 'OK' }], Line: { last: 'B' } });
  });

  it('runs once over a single object and not at all over an absent list', async () => {
    expect((await run(loop(), 'T_Loop', { order: { items: { sku: 'C', qty: 1, price: 1 } } })).IPResult).toMatchObject({
      Each: [{ success: 'OK' }],
      Line: { last: 'C' },
    });
    expect((await run(loop(), 'T_Loop', { order: {} })).IPResult).toEqual({ order: {}, Each: [] });
  });

  it('fails the step with INVOKE-400 naming the element when loopList is text or a number', async () => {
    const out = await run(loop(), 'T_Loop', { order: { items: 'A,B' } });
    expect(out).toMatchObject({ errorCode: 'INVOKE-400', details: { element: 'Each', type: 'Loop Block', property: 'loopList' } });
    expect(out.error).toContain('not a list');
  });

  it('is a problem without a loopList', () => {
    expect(library([proc('T_NoList', [el('L', 'Loop Block', {})])]).problems).toMatchObject([{ element: 'L', property: 'loopList' }]);
  });

  it('ends the IP from inside an iteration with a Response Action, and the list is restored in the answer', async () => {
    const lib = library([
      proc('T_LoopEnd', [
        el('Each', 'Loop Block', { loopList: 'items' }, [
          el('Stop', 'Response Action', { executionConditionalFormula: 'items:n == 2', returnFullDataJSON: true }),
        ]),
        el('After', 'Set Values', { elementValueMap: { v: 1 } }),
      ]),
    ]);
    expect((await run(lib, 'T_LoopEnd', { items: [{ n: 1 }, { n: 2 }, { n: 3 }] })).IPResult).toEqual({ items: { n: 2 } });
  });
});

describe('Loop Block over a long list', () => {
  const long = library([
    proc('T_Long', [el('Each', 'Loop Block', { loopList: 'items' }, [el('Line', 'Set Values', { elementValueMap: { double: '=%items:n% * 2' } })]), respond]),
  ]);

  it('yields to the event loop between slices: a timer fires while it runs, and the run deadline stops it with INVOKE-504', async () => {
    const emu = assembleEmulator({ services: builtInServices, org: demo(), procedures: long });
    const items = Array.from({ length: 60_000 }, (_, n) => ({ n }));
    let timerFired = false;
    setTimeout(() => (timerFired = true), 5);
    const started = performance.now();
    const out = await emu.runProcedure('T_Long', { items }, { timeout: 50 });
    expect(timerFired).toBe(true);
    expect(out.errorCode).toBe('INVOKE-504');
    // A freeze guard, not a speed claim: the loop stops soon after its deadline instead of running all 60,000 items.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
