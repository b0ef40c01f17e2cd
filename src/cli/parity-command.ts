import { Command, Option } from 'commander';
import { addOrgFlags, apiVersionExplicit } from './org-flags';
import type { CliIo } from './output';
import { positiveInt } from './parsers';

/** `ipemu parity`: the service suite's inputs on a real org and on its recorded mock, and their differences. */
export function addParityCommand(program: Command, setExitCode: (code: number) => void, io: CliIo): void {
  addOrgFlags(
    program
      .command('parity')
      .description('run the service suite on a real org and on its recorded mock org (--fixtures), and print the differences')
      .addOption(new Option('--limit <n>', 'recorded values per kind used as inputs (sampled evenly beyond)').argParser(positiveInt(10_000_000)).default(1000))
      .addOption(new Option('--concurrency <n>', 'invocations in flight on each side').argParser(positiveInt(1000)).default(8))
      .option('--json', 'print { status, result: { compared, services, differences, … }, warnings }'),
  ).action(async (_opts: unknown, cmd: Command) => {
    const { runParityCommand } = await import('./commands/parity');
    setExitCode(await runParityCommand(cmd.opts(), io, apiVersionExplicit(cmd)));
  });
}
