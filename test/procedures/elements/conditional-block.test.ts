/** Conditional Block (IP reference "Elements"): isIfElseBlock makes the children exclusive, a child without a condition is the else. */
import { el, library, proc, run } from '../run-helpers';

const branch = (name: string, cond: string) =>
  el(name, 'Set Values', { elementValueMap: { v: name }, executionConditionalFormula: cond, responseJSONPath: 'v', responseJSONNode: 'picked' });
const respond = el('Respond', 'Response Action', { returnFullDataJSON: true });

describe('Conditional Block', () => {
  const ifElse = (exclusive: boolean) =>
    library([
      proc('T_If', [
        el('Pick', 'Conditional Block', { isIfElseBlock: exclusive }, [branch('Big', 'n > 10'), branch('Mid', 'n > 5'), branch('Else', '')]),
        respond,
      ]),
    ]);

  it.each([
    [20, 'Big'],
    [7, 'Mid'],
    [1, 'Else'],
  ])('with isIfElseBlock runs only the first child whose condition holds (n=%s → %s)', async (n, picked) => {
    expect((await run(ifElse(true), 'T_If', { n })).IPResult).toEqual({ n, picked });
  });

  it('without isIfElseBlock runs every child whose condition holds (the last write wins)', async () => {
    const out = await run(ifElse(false), 'T_If', { n: 20 }, { trace: true });
    expect(out.IPResult).toEqual({ n: 20, picked: 'Else' });
    expect((out.trace as { name: string; status: string }[]).filter((e) => e.status === 'ran').map((e) => e.name)).toEqual([
      'Pick',
      'Big',
      'Mid',
      'Else',
      'Respond',
    ]);
  });

  it('traces the branches not taken as skipped, with why', async () => {
    const out = await run(ifElse(true), 'T_If', { n: 7 }, { trace: true });
    expect((out.trace as { name: string; reason?: string }[]).map((e) => [e.name, e.reason])).toEqual([
      ['Pick', undefined],
      ['Big', 'executionConditionalFormula is false'],
      ['Mid', undefined],
      ['Else', 'an earlier branch of the if-else block ran'],
      ['Respond', undefined],
    ]);
  });

  it('ends the IP from inside a block with a Response Action', async () => {
    const lib = library([
      proc('T_End', [
        el('B', 'Conditional Block', {}, [el('Early', 'Response Action', { additionalOutput: { early: true }, returnOnlyAdditionalOutput: true })]),
        el('Late', 'Set Values', { elementValueMap: { v: 1 } }),
        respond,
      ]),
    ]);
    expect((await run(lib, 'T_End')).IPResult).toEqual({ early: true });
  });

  it('keeps the branch taken across a child that waits on I/O (a Remote Action), so the else is still skipped', async () => {
    const lib = library([
      proc('T_Async', [
        el('Pick', 'Conditional Block', { isIfElseBlock: true }, [
          el('Status', 'Remote Action', {
            remoteClass: 'InsPolicyService',
            remoteMethod: 'getPolicyAsyncJobStatus',
            executionConditionalFormula: 'jobId != ""',
            additionalInput: { jobId: '%jobId%' },
            sendOnlyAdditionalInput: true,
          }),
          branch('Else', ''),
        ]),
        el('After', 'Set Values', { elementValueMap: { v: 1 } }),
        respond,
      ]),
    ]);
    const out = await run(lib, 'T_Async', { jobId: '7075j00004uK6GjAAK' });
    expect(out.IPResult).toMatchObject({ Status: { status: 'Success' }, After: { v: 1 } });
    expect(out.IPResult).not.toHaveProperty('picked');
  });
});
