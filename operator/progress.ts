import { CommandIo } from "./io";

/** `m:ss` (or `h:mm:ss`) since `startMs`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/**
 * One status line on stderr. On a terminal it is redrawn in place (and cleared before any other
 * output); elsewhere it is printed only when the state changes, never the clock alone.
 */
export class Progress {
  private shown = false;
  private lastState?: string;

  constructor(
    private readonly io: CommandIo,
    private readonly startMs: number,
    private readonly enabled: boolean,
  ) {}

  update(state: string, nowMs = Date.now()): void {
    if (!this.enabled) return;
    if (this.io.isTTY) {
      this.io.stderr(`\r\x1b[2K${state} · ${formatElapsed(nowMs - this.startMs)}`);
      this.shown = true;
    } else if (state !== this.lastState) {
      this.io.stderr(`${state} · ${formatElapsed(nowMs - this.startMs)}\n`);
    }
    this.lastState = state;
  }

  /** Removes the status line so that other output starts at column 0. */
  clear(): void {
    if (this.shown) {
      this.io.stderr("\r\x1b[2K");
      this.shown = false;
    }
  }
}
