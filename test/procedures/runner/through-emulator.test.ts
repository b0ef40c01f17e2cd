/**
 * The library handed to the emulator (assembleEmulator's `procedures`, as the composition root
 * does): runProcedure's deadline stops the run, Remote Actions reach plugin services and give
 * their remoteOptions to a service that reads parameters from options.
 */
import { assembleEmulator } from '../../../src/core/emulator';
import { definePlugin, defineService } from '../../../src/core/define-service';
import { builtInServices } from '../../../src/services';
import { el, demo, library, proc } from '../run-helpers';

describe('runProcedure over the compiled library', () => {
  let released = 0;
  let afterCalls = 0;
  const plugin = definePlugin({
    name: 'test',
    services: [
      defineService('Slow', {
        wait: {
          description: 'Resolves only when its invocation is aborted.',
          input: { type: 'object' },
          handler: (_input, ctx) =>
            new Promise((resolve) => {
              ctx.signal.addEventListener('abort', () => {
                released++;
                resolve({ done: true });
              });
            }),
        },
        after: { description: 'Counts its calls.', input: { type: 'object' }, handler: () => ({ n: ++afterCalls }) },
      }),
    ],
  });
  const procedures = library([
    proc('T_Slow', [
      el('Wait', 'Remote Action', { remoteClass: 'vlocity_ins.Slow', remoteMethod: 'wait' }),
      el('After', 'Remote Action', { remoteClass: 'Slow', remoteMethod: 'after' }),
    ]),
    proc('T_Options', [
      el('Status', 'Remote Action', {
        remoteClass: 'vlocity_ins.InsPolicyService',
        remoteMethod: 'getPolicyAsyncJobStatus',
        remoteOptions: { referencePolicyNumber: '%ref%' },
        sendOnlyAdditionalInput: true,
      }),
      el('R', 'Response Action', { sendJSONPath: 'Status' }),
    ]),
  ]);
  const emu = assembleEmulator({ services: builtInServices, plugins: [plugin], org: demo(), procedures });

  it('answers INVOKE-504 at the run deadline, aborts the waiting service and runs no later element', async () => {
    const out = await emu.runProcedure('T_Slow', {}, { timeout: 40 });
    expect(out.errorCode).toBe('INVOKE-504');
    // The service's own deadline is what was left of the run's: it is aborted too, on its own timer,
    // which a loaded machine may run a little after the run's (wait for it, within a bound).
    for (let waited = 0; released === 0 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(released).toBe(1);
    expect(afterCalls).toBe(0);
  });

  it("gives a Remote Action's remoteOptions to the service, which reads its parameter from them", async () => {
    const out = await emu.runProcedure('T_Options', { ref: 'AUTO-2026-000123' });
    expect(out).toMatchObject({ errorCode: 'INVOKE-200', IPResult: { status: 'Success', jobId: '7075j00004uK6GjAAK' } });
  });

  it('lists the library through emu.procedures()', () => {
    expect(emu.procedures()).toEqual(['T_Options', 'T_Slow']);
  });
});
