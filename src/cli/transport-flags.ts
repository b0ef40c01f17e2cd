import { Command, Option } from 'commander';

/** `--tls`, `--tls-cert`/`--tls-key` and `--cors`, the same on both servers (`serve`, `mock-org serve`). */
export interface TransportFlags {
  tls?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  cors?: string[];
}

/** Repeatable: each --cors adds to the list (commander's default would be an undefined first `previous`). */
const appendValue = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Only the flags: program.ts loads this for every command, so it must stay this small (cold start). */
export function addTransportFlags(command: Command): Command {
  return command
    .option('--tls', 'serve HTTPS with a certificate made at start for 127.0.0.1, ::1 and localhost (its PEM file in the first stdout line)')
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM; needs --tls-key)')
    .option('--tls-key <file>', 'the private key of --tls-cert (PEM)')
    .addOption(
      new Option('--cors <origin>', 'let browser pages from this origin call the server (repeatable or a comma list; * for any)').argParser(appendValue),
    );
}
