/**
 * Runs the CLI as users do, in a child process of the pinned Node (process.execPath) from the
 * repository root, with only the environment given (no NUMTRUST_* inherited from the machine).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** performance.now() when the first stdout chunk arrived, and when the process had exited. */
  firstOutputAt: number | undefined;
  closedAt: number;
}

export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/numtrust.js', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let firstOutputAt: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      firstOutputAt ??= performance.now();
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, firstOutputAt, closedAt: performance.now() }));
  });
}
