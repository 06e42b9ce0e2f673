/**
 * A sleep that ends early when woken: lets a background loop poll slowly yet react at once to work
 * made in its own process (a commit, a shutdown).
 */
export class Wakeup {
  private readonly sleepers = new Set<() => void>();

  /** Ends every sleep in progress. */
  wake(): void {
    const sleepers = [...this.sleepers];
    this.sleepers.clear();
    for (const end of sleepers) end();
  }

  /** Resolves after `ms`, or on the next `wake()` if that comes first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.sleepers.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.sleepers.add(end);
    });
  }
}
