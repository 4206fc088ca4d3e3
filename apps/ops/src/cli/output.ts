import ora from 'ora';

/** Where a command writes: JSON or text on stdout, diagnostics and progress on stderr. */
export interface Output {
  format: 'json' | 'text';
  /** Writes one JSON document to stdout (pretty-printed, stable key order as given). */
  json(data: unknown): void;
  /** Human text on stdout; in JSON format it goes to stderr so stdout stays one JSON document. */
  line(text: string): void;
  /** Shown on stderr only with --verbose. */
  verbose(text: string): void;
  warn(text: string): void;
  /** Runs `work` behind a spinner on a TTY in text format; plain otherwise. */
  progress<T>(title: string, work: () => Promise<T>): Promise<T>;
}

/** Options of {@link createOutput}; streams default to the process's. */
export interface OutputOptions {
  format: 'json' | 'text';
  verbose: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

function isTty(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** Creates the {@link Output} a command writes through. */
export function createOutput(options: OutputOptions): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const spinners = options.format === 'text' && isTty(stderr);
  return {
    format: options.format,
    json: (data) => stdout.write(`${JSON.stringify(data, null, 2)}\n`),
    line: (text) => (options.format === 'json' ? stderr : stdout).write(`${text}\n`),
    verbose: (text) => {
      if (options.verbose) stderr.write(`${text}\n`);
    },
    warn: (text) => stderr.write(`warning: ${text}\n`),
    progress: async (title, work) => {
      if (!spinners) {
        if (options.verbose) stderr.write(`${title}…\n`);
        return work();
      }
      const spinner = ora({ text: title, stream: stderr }).start();
      try {
        const result = await work();
        spinner.succeed();
        return result;
      } catch (error) {
        spinner.fail();
        throw error;
      }
    },
  };
}
