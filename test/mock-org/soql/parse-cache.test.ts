import { MockOrg } from '../../../src/mock-org/mock-org';
import { SoqlEngine } from '../../../src/mock-org/soql/engine';
import { Store } from '../../../src/mock-org/store/store';
import { buildSchema } from '../../../src/mock-org/schema/schema';
import { JOB_A, JOB_B, smallOrg } from '../fixture-data';

describe('parse cache', () => {
  test('each distinct text is parsed once, whatever the binds and the user', async () => {
    const org = await MockOrg.fromFixtures(smallOrg());
    const before = org.engine.parseCount;
    const soql = 'SELECT Id FROM AsyncApexJob WHERE Id IN :ids';
    for (let i = 0; i < 50; i++) {
      org.querySync(soql, { ids: [i % 2 ? JOB_A : JOB_B] });
      org.asUser('agent').querySync(soql, { ids: [JOB_A] });
    }
    expect(org.engine.parseCount - before).toBe(1);
    org.querySync('SELECT Id FROM AsyncApexJob WHERE Id = :id', { id: JOB_A });
    expect(org.engine.parseCount - before).toBe(2);
  });

  test('failing texts are cached too', async () => {
    const org = await MockOrg.fromFixtures(smallOrg());
    const before = org.engine.parseCount;
    for (let i = 0; i < 5; i++) expect(() => org.querySync('SELECT Nope FROM AsyncApexJob')).toThrow(/No such column 'Nope'/);
    expect(org.engine.parseCount - before).toBe(1);
  });

  test('the cache is a bounded LRU: the least recently used text is evicted first', () => {
    const problems: never[] = [];
    const schema = buildSchema(undefined, problems);
    const engine = new SoqlEngine(new Store(), schema, '64.0', 3);
    const q = (n: number) => `SELECT Id FROM AsyncApexJob LIMIT ${n}`;
    engine.plan(q(1));
    engine.plan(q(2));
    engine.plan(q(3));
    engine.plan(q(1)); // 1 is now the most recent
    engine.plan(q(4)); // evicts 2
    expect(engine.cachedTexts).toBe(3);
    const parses = engine.parseCount;
    engine.plan(q(1));
    engine.plan(q(3));
    engine.plan(q(4));
    expect(engine.parseCount).toBe(parses);
    engine.plan(q(2));
    expect(engine.parseCount).toBe(parses + 1);
    for (let n = 10; n < 100; n++) engine.plan(q(n));
    expect(engine.cachedTexts).toBe(3);
  });
});
