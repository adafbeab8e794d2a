/**
 * The project's git repository, as upgrade reads it: where the project sits in it, and
 * blobs read many at a time (`git cat-file --batch`), so looking up forty files costs one
 * process, not forty.
 */
export interface GitRepo {
  /** The project's folder relative to the repository's top, `""` or ending in `/`. */
  readonly prefix: string;
  /** Runs git in the project folder; never throws on a non-zero exit. */
  run(args: readonly string[], input?: string | Buffer): Promise<{ exitCode?: number; stdout: string }>;
  /** The blobs at `<rev>:<path>` (paths from the top of the repository), undefined where there is none. */
  blobs(specs: readonly string[]): Promise<(Buffer | undefined)[]>;
}

/** The repository the project is in, or undefined when it is in none (or git is not installed). */
export async function openRepo(dir: string): Promise<GitRepo | undefined> {
  const { execa } = await import('execa');
  const run: GitRepo['run'] = async (args, input) => {
    const result = await execa('git', [...args], { cwd: dir, reject: false, stripFinalNewline: false, ...(input === undefined ? { stdin: 'ignore' } : { input }) });
    return { exitCode: result.exitCode, stdout: result.stdout };
  };
  const inside = await run(['rev-parse', '--show-prefix']).catch(() => undefined);
  if (inside?.exitCode !== 0) return undefined;
  return {
    prefix: inside.stdout.trim(),
    run,
    async blobs(specs) {
      if (specs.length === 0) return [];
      const result = await execa('git', ['cat-file', '--batch'], { cwd: dir, reject: false, input: `${specs.join('\n')}\n`, encoding: 'buffer', stripFinalNewline: false });
      return parseBatch(Buffer.from(result.stdout), specs.length);
    },
  };
}

/** `git cat-file --batch` output: `<sha> <type> <size>\n<bytes>\n` per found object, `<spec> missing\n` otherwise. */
function parseBatch(out: Buffer, count: number): (Buffer | undefined)[] {
  const found: (Buffer | undefined)[] = [];
  let at = 0;
  while (found.length < count && at < out.length) {
    const end = out.indexOf(0x0a, at);
    const header = out.subarray(at, end).toString('utf8').split(' ');
    at = end + 1;
    const size = Number(header[2]);
    if (header.length !== 3 || !Number.isInteger(size)) {
      found.push(undefined);
      continue;
    }
    found.push(header[1] === 'blob' ? out.subarray(at, at + size) : undefined);
    at += size + 1;
  }
  return found;
}
