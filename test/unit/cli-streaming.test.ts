/**
 * The command line as a pipeline stage: it streams with back-pressure, stops quietly when the
 * reader goes away, refuses endless input, reports a full disk, and stops cleanly on a signal.
 * The CLI runs as one Node process (tsx as an import hook), so its memory and signals are its own.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';

/** Six runs with the largest step budget: hours of work, gigabytes of output. */
const ENDLESS = JSON.stringify({
  problem: { kind: 'surface', surface: 'rosenbrock' },
  steps: 10_000_000,
  runs: ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adamw'].map((kind) => ({
    label: kind,
    optimizer: { kind, lr: 0.0001 },
  })),
});

interface Child {
  readonly pid: number;
  readonly stdout: NodeJS.ReadableStream & { destroy(): void; pause(): void };
  readonly stderr: () => string;
  readonly exit: Promise<{ code: number | null; signal: string | null }>;
  kill(signal: NodeJS.Signals): void;
}

const started: Array<{ kill(signal: NodeJS.Signals): boolean }> = [];
// A failed assertion must not leave an endless run behind.
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

function start(args: string[], input?: string, stdoutPath?: number): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    stdio: ['pipe', stdoutPath ?? 'pipe', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => (stderr += text));
  child.stdin!.end(input);
  return {
    pid: child.pid!,
    stdout: child.stdout as Child['stdout'],
    stderr: () => stderr,
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    kill: (signal) => child.kill(signal),
  };
}

/** Resident memory of process `pid` in MB (Linux /proc). */
function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const firstData = (stream: NodeJS.ReadableStream) =>
  new Promise<string>((resolve) => stream.once('data', (chunk: Buffer) => resolve(String(chunk))));

const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms),
    ),
  ]);

describe('cli streaming', () => {
  it('waits for a slow reader with bounded memory, and ends quietly when the pipe closes', async () => {
    const cli = start(['run', '-'], ENDLESS);
    const first = await firstData(cli.stdout);
    expect(first.startsWith('{"run":"sgd","step":0,')).toBe(true);
    // The reader stops reading for three seconds: the CLI must wait, not buffer.
    cli.stdout.pause();
    let peak = 0;
    for (let i = 0; i < 30; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      peak = Math.max(peak, residentMb(cli.pid));
    }
    expect(peak).toBeLessThan(250);
    cli.stdout.destroy(); // like `| head -1` exiting
    const { code } = await within(10_000, cli.exit);
    expect(code).toBe(0);
    expect(cli.stderr()).toBe('');
  }, 30_000);

  it('stops on SIGTERM after writing every record computed, with one line on stderr', async () => {
    const cli = start(['run', '-'], ENDLESS);
    let stdout = '';
    cli.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    // Stopped once several records are out (counted, not waited for).
    await within(
      10_000,
      new Promise<void>((resolve) => {
        const enough = () => {
          if (stdout.split('\n').length <= 7) return;
          cli.stdout.off('data', enough);
          resolve();
        };
        cli.stdout.on('data', enough);
      }),
    );
    cli.kill('SIGTERM');
    const { code } = await within(5_000, cli.exit);
    expect(code).toBe(143);
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.trimEnd().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { step: number };
    expect(lines.length).toBeGreaterThan(6);
    expect(cli.stderr()).toMatch(/^descent-lab: stopped by SIGTERM at step \d+; .*\n$/);
    expect(Number(/at step (\d+)/.exec(cli.stderr())![1])).toBeGreaterThanOrEqual(last.step);
  }, 30_000);

  it('refuses input past 256 kB without reading it all (exit 2, one line)', async () => {
    const cli = start(['run', '/dev/zero']);
    const { code } = await within(10_000, cli.exit);
    expect(code).toBe(2);
    expect(cli.stderr()).toBe("descent-lab: '/dev/zero' is larger than 256 kB\n");
  }, 20_000);

  it('reports a full disk in one line with a non-zero exit', async () => {
    const { openSync, closeSync } = await import('node:fs');
    const full = openSync('/dev/full', 'w');
    try {
      const cli = start(['run', '-'], ENDLESS, full);
      const { code } = await within(10_000, cli.exit);
      expect(code).toBe(1);
      expect(cli.stderr()).toBe('descent-lab: cannot write the output (ENOSPC)\n');
    } finally {
      closeSync(full);
    }
  }, 20_000);
});
