/** Starts the 审核 page's review worker. Loaded with import() only where there is a Worker (never in tests). */
export function spawnReviewWorker(): Worker {
  // eslint-disable-next-line @typescript-eslint/ban-ts-comment
  // @ts-ignore -- import.meta: the add-in build compiles this as an ES module and bundles the worker from this URL; the CommonJS type check of the whole tree does not allow import.meta
  return new Worker(/* webpackChunkName: "review-worker" */ new URL('./review.worker.ts', import.meta.url));
}
