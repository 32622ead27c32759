/** A value built on first use and kept: the composition root builds a service only when a face asks for it. */
export interface Lazy<T> {
  get(): T;
  /** The value when it was built, else undefined (dispose closes only what exists). */
  peek(): T | undefined;
}

/** Memoize `build`; a build that throws is tried again at the next `get`. */
export function lazy<T>(build: () => T): Lazy<T> {
  let built: { value: T } | null = null;
  return {
    get() {
      built ??= { value: build() };
      return built.value;
    },
    peek: () => built?.value,
  };
}
