// Runs the built Deadlines in child processes (needs `npm run build`); kept out of `npm run test:unit`.
describe('Deadlines and process exit', () => {
  it('lets the process exit while no deadline is live, and holds it open while one is', async () => {
    const script = `
      const { Deadlines } = require(${JSON.stringify(require.resolve('../../dist/core/deadlines'))});
      const d = new Deadlines();
      d.add(60000, () => {}).cancel();
      if (process.argv[1] === 'live') d.add(150, () => console.log('expired'));
    `;
    const { spawnSync } = await import('node:child_process');
    const idle = spawnSync(process.execPath, ['-e', script, 'idle'], { encoding: 'utf8', timeout: 10_000 });
    expect(idle.status).toBe(0);
    const live = spawnSync(process.execPath, ['-e', script, 'live'], { encoding: 'utf8', timeout: 10_000 });
    expect(live.stdout.trim()).toBe('expired');
  });
});
