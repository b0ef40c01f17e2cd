import { Command, Option } from 'commander';
import { DEFAULT_API_VERSION } from '../salesforce/api-versions';
import { collect } from './parsers';

export { DEFAULT_API_VERSION };

/** The org flags every org-using command shares (DESIGN.md §4 "org flags"). */
export interface OrgFlags {
  fixtures?: string;
  user?: string;
  targetOrg?: string;
  instanceUrl?: string;
  accessToken?: string;
  apiVersion: string;
  config?: string;
  plugin: string[];
  /** The mock org's state file (issue 14). */
  state?: string;
}

export function addOrgFlags(cmd: Command): Command {
  return cmd
    .option('--fixtures <path>', 'mock org on these fixtures (a JSON file or a directory)')
    .option('--user <name>', "the mock org's running user")
    .option('--state <file>', 'the mock org keeps its writes in this file (locked; created if missing)')
    .option('-o, --target-org <alias|username>', 'real org authorised in the sf CLI')
    .option('--instance-url <url>', 'real org instance URL (env SF_INSTANCE_URL)')
    .option('--access-token <token>', 'real org access token (env SF_ACCESS_TOKEN)')
    .addOption(new Option('--api-version <v>', 'Salesforce API version').default(DEFAULT_API_VERSION))
    .option('--config <path>', 'config file (default ./ipemu.config.json if present)')
    .option('--plugin <module>', 'load a plugin module (repeatable)', collect, [] as string[]);
}

/** Whether the user typed --api-version (the env may otherwise supply one). */
export function apiVersionExplicit(cmd: Command): boolean {
  return cmd.getOptionValueSource('apiVersion') === 'cli';
}
