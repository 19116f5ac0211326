/** Starts the page's package worker. Loaded with import() only where there is a Worker (never in tests). */
export function spawnPackageWorker(): Worker {
  // (@ts-expect-error would fail the add-in's own type check, where import.meta is allowed)
  // eslint-disable-next-line @typescript-eslint/ban-ts-comment
  // @ts-ignore -- import.meta: the add-in build compiles this as an ES module and bundles the worker from this URL; the CommonJS type check of the whole tree does not allow import.meta
  return new Worker(/* webpackChunkName: "package-worker" */ new URL('./package.worker.ts', import.meta.url));
}
