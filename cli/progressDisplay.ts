import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr when it is a terminal, plain progress lines otherwise (logs, CI, pipes). */
export class ProgressDisplay {
  private bar?: SingleBar;
  private lastLine = '';

  constructor(private readonly label: string) {}

  update(done: number, total: number, detail: string): void {
    if (process.stderr.isTTY) {
      if (!this.bar) {
        this.bar = new SingleBar(
          { format: `${this.label} [{bar}] {value}/{total} {detail}`, stream: process.stderr, hideCursor: true },
          Presets.shades_classic,
        );
        this.bar.start(total, done, { detail });
      }
      this.bar.setTotal(total);
      this.bar.update(done, { detail });
      return;
    }
    const line = `${this.label}: ${done}/${total} ${detail}`;
    if (line !== this.lastLine) process.stderr.write(`${line}\n`);
    this.lastLine = line;
  }

  stop(): void {
    this.bar?.stop();
  }
}
