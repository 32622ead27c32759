/** A counter with the presets' InFlightRegistry surface (begin → end, count), for asserting the chat marks its model. */
export class InFlightRegistryLike {
  private readonly counts = new Map<string, number>();

  begin(model: string): () => void {
    this.counts.set(model, this.count(model) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.counts.set(model, this.count(model) - 1);
    };
  }

  count(model: string): number {
    return this.counts.get(model) ?? 0;
  }
}
