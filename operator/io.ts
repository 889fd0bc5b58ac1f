import * as readline from "readline";
import { Writable } from "stream";

/** Everything a command does to the terminal, so tests can run it in-process. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal: progress is redrawn in place only then. */
  isTTY: boolean;
  /** Milliseconds between two polls of a run. */
  pollMs: number;
  /** Asks a yes/no question; false unless the person answers yes. */
  confirm(question: string): Promise<boolean>;
  /**
   * Asks for a line of text (the answer not echoed when `secret`); undefined when nobody can
   * answer (no terminal on stdin).
   */
  ask(question: string, options?: { secret?: boolean }): Promise<string | undefined>;
  /** Calls `handler` on Ctrl-C (SIGINT) until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
}

/**
 * The real terminal. Without a terminal on stdin there is nobody to ask, so Ctrl-C means yes;
 * a second Ctrl-C at the prompt means yes too.
 */
export function processIo(): CommandIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stderr.isTTY === true,
    pollMs: 2000,
    confirm: async (question) => {
      if (!process.stdin.isTTY) return true;
      const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
      const answer = await new Promise<string>((resolve) => {
        // Without a listener, Ctrl-C at the prompt would only pause stdin and leave us waiting.
        prompt.on("SIGINT", () => resolve("yes"));
        prompt.on("close", () => resolve(""));
        prompt.question(question, resolve);
      });
      prompt.close();
      return /^y(es)?$/i.test(answer.trim());
    },
    ask: async (question, options = {}) => {
      if (!process.stdin.isTTY) return undefined;
      let muted = false;
      // What the person types goes to the terminal through this stream, muted for a secret.
      const output = new Writable({
        write(chunk, _encoding, done) {
          if (!muted) process.stderr.write(chunk);
          done();
        },
      });
      const prompt = readline.createInterface({ input: process.stdin, output, terminal: true });
      const answer = await new Promise<string>((resolve) => {
        prompt.on("SIGINT", () => resolve(""));
        prompt.on("close", () => resolve(""));
        prompt.question(question, resolve);
        muted = options.secret === true;
      });
      prompt.close();
      if (options.secret) process.stderr.write("\n");
      return answer.trim();
    },
    onInterrupt: (handler) => {
      process.on("SIGINT", handler);
      return () => process.off("SIGINT", handler);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
