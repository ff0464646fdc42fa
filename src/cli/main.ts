/**
 * Descent Lab's command line: a thin shell over the core.
 *
 *   npm run --silent cli -- run FILE|- [--format jsonl|csv] [--every N]
 *   npm run --silent cli -- lessons [--format json|md] [--lang en|zh-CN]
 *   npm run --silent cli -- ratemap FILE|- [--run LABEL] [--lr MIN:MAX:N] [--momentum MIN:MAX:N]
 *
 * Prints step records as JSON Lines (or CSV) on standard output, as they are computed. A bad
 * config, formula or argument exits with code 2 and one line on standard error; a divergence
 * is a result, not an error (exit 0). A closed output pipe ends quietly (exit 0); a write
 * failure exits 1 with one line; SIGINT / SIGTERM stop after writing what was computed.
 */
import { CliError, EXIT, oneLine } from './errors.ts';
import { MissingDataError } from './nodeResources.ts';
import { LESSONS_USAGE, lessonsCommand } from './lessons.ts';
import { RATEMAP_USAGE, ratemapCommand } from './ratemap.ts';
import { RUN_USAGE, runCommand } from './run.ts';

/** A subcommand: its arguments in, its exit code out; failures are thrown as CliError. */
type Command = (args: readonly string[]) => Promise<number>;

const COMMANDS = new Map<string, { readonly usage: string; readonly run: Command }>([
  ['run', { usage: RUN_USAGE, run: runCommand }],
  ['lessons', { usage: LESSONS_USAGE, run: lessonsCommand }],
  ['ratemap', { usage: RATEMAP_USAGE, run: ratemapCommand }],
]);

const USAGE = `usage: ${[...COMMANDS.values()].map((c) => c.usage).join(' | ')}`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') throw new CliError(USAGE);
  const command = COMMANDS.get(name);
  if (!command) throw new CliError(`unknown command '${name}'; ${USAGE}`);
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof CliError || error instanceof MissingDataError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `descent-lab: ${oneLine(known ? message : `internal error: ${message}`)}\n`,
    );
    process.exitCode =
      error instanceof CliError ? error.exitCode : known ? EXIT.badInput : EXIT.failure;
  },
);
