import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { DEFAULT_HOST, DEFAULT_SERVE_PORT } from '../core/listen-defaults';
import { addOrgFlags, apiVersionExplicit } from './org-flags';
import { addProcedureFlags } from './procedure-flags';
import { headerTimeoutOption, keepAliveTimeoutOption, maxConnectionsOption } from './listen-flags';
import { addTransportFlags } from './transport-flags';
import { addParityCommand } from './parity-command';
import type { CliIo } from './output';
import type { IpRunFlags } from './commands/ip-run';
import { LOG_LEVELS, nonNegativeInt, port, positiveInt, seconds } from './parsers';

/**
 * The command tree. Command modules are imported inside the actions so that `ipemu invoke`
 * loads neither fastify nor jsforce nor csv-parse, and starts fast.
 */
export interface ProgramHooks {
  io: CliIo;
  setExitCode(code: number): void;
  writeErr(text: string): void;
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function buildProgram({ io, setExitCode, writeErr }: ProgramHooks): Command {
  const program = new Command('ipemu')
    .description('Run OmniStudio-style Class:Method services against a real org or a mock org.')
    .version(version())
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr,
      outputError: (text, write) => write(text),
    })
    .showHelpAfterError('(add --help for usage)');

  addOrgFlags(
    program
      .command('invoke')
      .description('invoke a service once and print its output map')
      .argument('<Class:Method>', 'service key')
      .option('--input <json>', 'input map as JSON')
      .option('--input-file <path>', 'read the input map from a file, or - for stdin')
      .option('--wait', 'poll until the job is Success, Failed or Aborted')
      .option('--timeout <s>', 'seconds: per invocation, or the whole wait with --wait', seconds)
      .option('--json', 'wrap the output as { status, result, warnings }'),
  ).action(async (key: string, _opts: unknown, cmd: Command) => {
    const { runInvoke } = await import('./commands/invoke');
    setExitCode(await runInvoke(key, cmd.opts(), io, apiVersionExplicit(cmd)));
  });

  addOrgFlags(
    program
      .command('batch')
      .description('invoke a service for every line of a JSONL or CSV file')
      .argument('<Class:Method>', 'service key')
      .requiredOption('--input-file <path>', 'a .jsonl file (one input map a line) or a .csv file (header = input keys)')
      .option('--output <path>', 'write the output lines here instead of stdout')
      .addOption(new Option('--concurrency <n>', 'invocations in flight').argParser(positiveInt(1000)).default(8)),
  ).action(async (key: string, _opts: unknown, cmd: Command) => {
    const { runBatch } = await import('./commands/batch');
    setExitCode(await runBatch(key, cmd.opts(), io, apiVersionExplicit(cmd)));
  });

  program
    .command('services')
    .description('list the registered services')
    .option('--json', 'print { status, result: [{ key, description, inputSchema }], warnings }')
    .option('--plugin <module>', 'also list the services of this plugin (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .action(async (_opts: unknown, cmd: Command) => {
      const { runServices } = await import('./commands/services');
      setExitCode(await runServices(cmd.opts(), io));
    });

  const serve = addProcedureFlags(
    addOrgFlags(
      program
        .command('serve')
        .description('serve the services over HTTP')
        .option('--host <host>', 'interface to bind', DEFAULT_HOST)
        .addOption(new Option('--port <port>', 'port (0 picks a free one)').argParser(port).default(DEFAULT_SERVE_PORT))
        .option('--token <token>', 'bearer token every route but /healthz requires (env IPEMU_TOKEN)')
        .option('--no-docs', 'do not serve the interactive API page at /docs')
        .addOption(maxConnectionsOption())
        .addOption(headerTimeoutOption())
        .addOption(keepAliveTimeoutOption())
        .addOption(new Option('--log-level <level>', 'log level of the JSON logs on stderr').choices(LOG_LEVELS).default('info')),
    ),
  );
  addTransportFlags(serve).action(async (_opts: unknown, cmd: Command) => {
    const { runServe } = await import('./commands/serve');
    setExitCode(await runServe(cmd.opts(), io, apiVersionExplicit(cmd)));
  });

  const mockOrg = program.command('mock-org').description('the mock org: serve its fake REST API, generate or validate fixtures');
  const mockServe = addProcedureFlags(mockOrg.command('serve'))
    .description('serve a fake Salesforce REST API over a mock org, with the Integration Procedure routes')
    .option('--fixtures <path>', 'fixtures (default: the embedded demo org)')
    .option('--state <file>', "keep the mock org's writes in this file (locked; created if missing)")
    .addOption(new Option('--port <port>', 'port (0 picks a free one)').argParser(port).default(0))
    .option('--host <host>', 'interface to bind', DEFAULT_HOST)
    .addOption(new Option('--bulk-delay <ms>', 'how long a Bulk API 2.0 query job stays InProgress before it runs (default 250)').argParser(nonNegativeInt))
    .addOption(maxConnectionsOption())
    .addOption(headerTimeoutOption())
    .addOption(keepAliveTimeoutOption());
  addTransportFlags(mockServe).action(async (_opts: unknown, cmd: Command) => {
    const { runMockOrgServe } = await import('./commands/mock-org-serve');
    setExitCode(await runMockOrgServe(cmd.opts(), io));
  });
  mockOrg
    .command('generate')
    .description('write synthetic fixtures for load tests')
    .requiredOption('--policies <n>', 'number of policies', positiveInt(10_000_000))
    .requiredOption('--jobs-per-policy <k>', 'jobs linked to each policy', positiveInt(1000))
    .option('--seed <s>', 'random seed (default 1)', nonNegativeInt)
    .requiredOption('--out <path>', 'fixture file to write')
    .action(async (_opts: unknown, cmd: Command) => {
      const { runMockOrgGenerate } = await import('./commands/mock-org-generate');
      setExitCode(await runMockOrgGenerate(cmd.opts(), io));
    });
  mockOrg
    .command('validate')
    .description('report every problem in a fixture file or directory')
    .argument('<fixtures>', 'fixture file or directory')
    .action(async (fixtures: string) => {
      const { runMockOrgValidate } = await import('./commands/mock-org-validate');
      setExitCode(await runMockOrgValidate(fixtures, io));
    });

  addIpCommands(program, setExitCode, io);
  addParityCommand(program, setExitCode, io);
  return program;
}

/** `ipemu ip run | list | validate | test` (DESIGN.md §5). */
function addIpCommands(program: Command, setExitCode: (code: number) => void, io: CliIo): void {
  const ip = program.command('ip').description('Integration Procedures: run, list, validate and test exported definitions');
  addProcedureFlags(
    addOrgFlags(
      ip
        .command('run')
        .description('run an Integration Procedure once and print its response')
        .argument('<Type_SubType>', 'procedure key')
        .argument('[-]', 'read the input map from stdin (as --input-file -)')
        .option('--input <json>', 'input map as JSON')
        .option('--input-file <path>', 'read the input map from a file, or - for stdin')
        .option('--trace', 'write each element (ran, skipped and why, failed; time; output) to stderr')
        .option('--test', "a test run: apply the procedures' mockResponseMap")
        .option('--json', 'wrap the whole envelope as { status, result, warnings }'),
    ),
  ).action(async (key: string, stdin: string | undefined, _opts: unknown, cmd: Command) => {
    const { runIpRun } = await import('./commands/ip-run');
    setExitCode(await runIpRun(key, { ...cmd.opts<IpRunFlags>(), stdinDash: stdin }, io, apiVersionExplicit(cmd)));
  });
  addProcedureFlags(ip.command('list').description('list the loaded Integration Procedures'))
    .option('--json', 'print { status, result: [{ key, type, subType, version, isTest, file, format }], warnings }')
    .action(async (_opts: unknown, cmd: Command) => {
      const { runIpList } = await import('./commands/ip-list');
      setExitCode(await runIpList(cmd.opts(), io));
    });
  ip.command('validate')
    .description('report every problem in a folder of Integration Procedure and Data Mapper definitions')
    .argument('<dir>', 'folder (or file) of definitions')
    .action(async (dir: string) => {
      const { runIpValidate } = await import('./commands/ip-validate');
      setExitCode(await runIpValidate(dir, io));
    });
  addProcedureFlags(
    addOrgFlags(
      ip
        .command('test')
        .description('run every test procedure (isTestProcedure) and check its asserts')
        .option('--junit <path>', 'also write the results as JUnit XML'),
    ),
  ).action(async (_opts: unknown, cmd: Command) => {
    const { runIpTest } = await import('./commands/ip-test');
    setExitCode(await runIpTest(cmd.opts(), io, apiVersionExplicit(cmd)));
  });
}
