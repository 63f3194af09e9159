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

/**
 * Selects `text` inside the block with this id as a reader's drag would: the block scrolled to the
 * middle of the window, one range over the text nodes (a linked mention splits them).
 */
export async function selectInBlock(page: Page, blockId: string, text: string): Promise<void> {
  await page.evaluate(
    ({ blockId, text }) => {
      const element = document.getElementById(blockId)?.querySelector(".brief-block-text");
      if (!element) throw new Error(`no block ${blockId}`);
      document.documentElement.style.scrollBehavior = "auto";
      element.scrollIntoView({ block: "center" });
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let whole = "";
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push(node as Text);
        whole += (node as Text).data;
      }
      const start = whole.indexOf(text);
      if (start < 0) throw new Error(`“${text}” not in ${blockId}`);
      const range = document.createRange();
      let at = 0;
      let started = false;
      for (const node of nodes) {
        const end = at + node.data.length;
        if (!started && start <= end) {
          range.setStart(node, start - at);
          started = true;
        }
        if (start + text.length <= end) {
          range.setEnd(node, start + text.length - at);
          break;
        }
        at = end;
      }
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    },
    { blockId, text },
  );
}
