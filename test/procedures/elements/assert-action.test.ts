/** Assert Action (IP reference "Elements"): checked in test runs only, one verdict each in `asserts`. */
import { el, library, proc, run } from '../run-helpers';

describe('Assert Action', () => {
  const lib = library([
    proc(
      'T_Asserts',
      [
        el('Calc', 'Set Values', { elementValueMap: { total: '=%price% * 2' } }),
        el('IsDouble', 'Assert Action', { assertConditionalFormula: 'Calc:total == 20', assertFailureMessage: 'Total is wrong.' }),
        el('IsHuge', 'Assert Action', { assertConditionalFormula: 'Calc:total > 1000' }),
        el('Done', 'Set Values', { elementValueMap: { after: true } }),
        el('R', 'Response Action', { returnFullDataJSON: true }),
      ],
      {},
      { isTest: true },
    ),
  ]);

  it('records passed and failed asserts with their messages, and the IP goes on', async () => {
    const out = await run(lib, 'T_Asserts', { price: 10 }, { test: true });
    expect(out.asserts).toEqual([
      { name: 'IsDouble', passed: true, message: '' },
      { name: 'IsHuge', passed: false, message: 'assertConditionalFormula is false: Calc:total > 1000' },
    ]);
    expect(out.IPResult).toMatchObject({ Done: { after: true } });
  });

  it('uses assertFailureMessage for a failed assert', async () => {
    const out = await run(lib, 'T_Asserts', { price: 3 }, { test: true });
    expect((out.asserts as { message: string }[])[0]).toEqual({ name: 'IsDouble', passed: false, message: 'Total is wrong.' });
  });

  it('is skipped, and asserts absent, outside a test run', async () => {
    const out = await run(lib, 'T_Asserts', { price: 10 }, { trace: true });
    expect(out).not.toHaveProperty('asserts');
    expect((out.trace as { name: string; status: string; reason?: string }[]).find((e) => e.name === 'IsDouble')).toMatchObject({
      status: 'skipped',
      reason: 'not a test run',
    });
  });
});
