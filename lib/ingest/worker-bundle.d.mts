/** Types of worker-bundle.mjs (plain JS so that scripts/build.mjs can import it without a loader). */
export declare const defaultWorkerFile: (root: string) => string;
export declare function bundleIngestWorker(options: { root: string; outfile: string }): Promise<string>;
