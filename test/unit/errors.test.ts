import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { CliError, ExitCode, fromSystemError } from '../../src/errors.js';

// A bug of ours, as create would meet it half-way: it must still end in one line.
vi.mock('../../src/commands/create.js', () => ({
  create: () => Promise.reject(new TypeError('Cannot read properties of undefined (reading \'content\')\n    at writeTree (dist/chunk.js:1:2)')),
}));

/** What the operating system said becomes one line with the right exit code, never a stack trace. */
const systemError = (code: string, syscall: string, path?: string, dest?: string) =>
  Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, ...(path ? { path } : {}), ...(dest ? { dest } : {}) });

describe('system errors', () => {
  it.each([
    ['ENAMETOOLONG', 'mkdir', '/tmp/aaa', 'Cannot mkdir /tmp/aaa: a name in the path is too long (ENAMETOOLONG)', ExitCode.usage],
    ['EACCES', 'open', '/srv/app/infra/app.ts', 'Cannot open /srv/app/infra/app.ts: permission denied (EACCES)', ExitCode.usage],
    ['EROFS', 'mkdir', '/mnt/ro/app', 'Cannot mkdir /mnt/ro/app: the file system is read-only (EROFS)', ExitCode.usage],
    ['ENOSPC', 'write', '/tmp/app/README.md', 'Cannot write /tmp/app/README.md: no space left on the device (ENOSPC)', ExitCode.stepFailed],
    ['EWHATEVER', 'open', '/x', 'Cannot open /x: EWHATEVER (EWHATEVER)', ExitCode.stepFailed],
  ])('%s: one line, exit code by whose it is to fix', (code, syscall, path, message, exitCode) => {
    const error = fromSystemError(systemError(code, syscall, path));
    expect(error).toBeInstanceOf(CliError);
    expect(error!.message).toBe(message);
    expect(error!.exitCode).toBe(exitCode);
  });

  it('names both ends of a rename', () => {
    expect(fromSystemError(systemError('EXDEV', 'rename', '/a/x', '/b/x'))!.message).toBe('Cannot rename /a/x → /b/x: it is on another file system (EXDEV)');
  });

  it('leaves anything else alone', () => {
    expect(fromSystemError(new Error('a bug'))).toBeUndefined();
    expect(fromSystemError('text')).toBeUndefined();
  });
});

describe('an error nobody expected', () => {
  it('is one line on stderr and, with --json, one { error } document on stdout; exit 1', async () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
    try {
      expect(await main(['app', '--yes', '--json'])).toBe(ExitCode.stepFailed);
    } finally {
      vi.restoreAllMocks();
    }
    const message = "Unexpected error: Cannot read properties of undefined (reading 'content')";
    expect(err.join('')).toBe(`error: ${message}\n  Run again with CREATE_SERVERLESS_PATTERN_DEBUG=1 for the stack trace, and report it.\n`);
    expect(JSON.parse(out.join(''))).toEqual({ error: { message, exitCode: 1, hints: ['Run again with CREATE_SERVERLESS_PATTERN_DEBUG=1 for the stack trace, and report it.'] } });
  });
});
