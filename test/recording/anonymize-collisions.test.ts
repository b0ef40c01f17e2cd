import { createAnonymizer } from '../../src/recording/anonymize';

// Its own file: a million HMACs take about 6-10 s on a shared 2-core machine.
describe('createAnonymizer: enough digest that fakes do not collide', () => {
  test('1,000,000 distinct values give 1,000,000 distinct fakes', () => {
    const a = createAnonymizer('collisions');
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) seen.add(a.fake('number', `REF-${i}`));
    expect(seen.size).toBe(1_000_000);
  });
});
