import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, DEMO_PROCEDURES, procedurePaths } from '../../src/ipemu';
import { IpemuError } from '../../src/core/errors';

const CONDBLOCK = join(__dirname, '../fixtures/procedures/vlocity-build/IntegrationProcedure/DataPackTest_IPCondBlock1');

describe('createEmulator({ procedures }): which definitions load, and a broken one fails at start-up', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipemu-procedures-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the embedded demo, then ./procedures when it exists, then the given paths, each folder once', () => {
    mkdirSync(join(dir, 'procedures'));
    symlinkSync(join(dir, 'procedures'), join(dir, 'alias'));
    const paths = procedurePaths(['procedures', 'alias', CONDBLOCK, DEMO_PROCEDURES], dir);
    expect(paths).toEqual([...(existsSync(DEMO_PROCEDURES) ? [DEMO_PROCEDURES] : []), join(dir, 'procedures'), CONDBLOCK]);
    expect(procedurePaths([], join(dir, 'nowhere'))).not.toContain(join(dir, 'nowhere', 'procedures'));
  });

  it('lists the procedures of a given folder, and none at all with procedures: false', () => {
    const emu = createEmulator({ procedures: [CONDBLOCK] });
    expect(emu.procedures()).toContain('DataPackTest_IPCondBlock1');
    expect(emu.describeProcedures().find((p) => p.key === 'DataPackTest_IPCondBlock1')).toMatchObject({
      type: 'DataPackTest',
      subType: 'IPCondBlock1',
      version: 1,
      isTest: false,
      format: 'datapack-expanded',
    });
    expect(createEmulator({ procedures: false }).procedures()).toEqual([]);
  });

  it('throws INVALID_INPUT naming the file and what is wrong when a definition cannot be read', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"dataPacks": [ {');
    let thrown: unknown;
    try {
      createEmulator({ procedures: [file] });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(IpemuError);
    expect((thrown as IpemuError).code).toBe('INVALID_INPUT');
    expect((thrown as IpemuError).message).toContain(`A procedure definition could not be loaded:\n  ${file}: `);
  });

  it('throws INVALID_INPUT naming a path that does not exist', () => {
    expect(() => createEmulator({ procedures: [join(dir, 'missing')] })).toThrow(join(dir, 'missing'));
  });
});
