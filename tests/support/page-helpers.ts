/** Small helpers shared by the browser tests. */
import type { Page } from "playwright-core";

/** Waits until the window has not scrolled for a few frames (the page scrolls smoothly). */
export async function scrollSettled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        let last = window.scrollY;
        let still = 0;
        const deadline = performance.now() + 5_000;
        const tick = () => {
          still = window.scrollY === last ? still + 1 : 0;
          last = window.scrollY;
          if (still >= 10 || performance.now() > deadline) done();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}
