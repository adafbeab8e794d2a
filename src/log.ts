import { Chalk } from 'chalk';

/**
 * All human output goes through here, and only here knows about colour. With --json the
 * human lines go to stderr so stdout carries exactly one JSON document.
 */
export interface Logger {
  readonly json: boolean;
  info(line: string): void;
  step(line: string): void;
  success(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  /** With --json, writes the run's one JSON document on stdout; otherwise nothing. */
  document(value: object): void;
  /** Where a child process's stdout goes: our terminal, or (with --json) our stderr, fd 2. */
  readonly childStdout: 'inherit' | 2;
  readonly style: InstanceType<typeof Chalk>;
}

export function createLogger({ json, quiet = false }: { json: boolean; quiet?: boolean }): Logger {
  const out = json ? process.stderr : process.stdout;
  const colour = !process.env.NO_COLOR && Boolean((out as NodeJS.WriteStream).isTTY);
  const style = new Chalk({ level: colour ? 1 : 0 });
  const write = (stream: NodeJS.WritableStream, line: string) => {
    if (!quiet) stream.write(`${line}\n`);
  };
  return {
    json,
    style,
    childStdout: json ? 2 : 'inherit',
    info: (line) => write(out, line),
    step: (line) => write(out, `${style.cyan('›')} ${line}`),
    success: (line) => write(out, `${style.green('✔')} ${line}`),
    warn: (line) => write(process.stderr, `${style.yellow('!')} ${line}`),
    document: (value) => {
      if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    // Errors print even when quiet: a failure must always say why.
    error: (line) => process.stderr.write(`${style.red('✖')} ${line}\n`),
  };
}
