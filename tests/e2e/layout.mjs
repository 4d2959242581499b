// Layout measurements of the demo page, taken in the browser (Playwright's
// page.evaluate), for tests/e2e/demo.test.mjs and static-demo.test.mjs: what a
// viewer would see cut off or broken, rather than what the CSS text says.

/**
 * Whether the select `selector` is wide enough for its longest option: the
 * width a copy of it takes with `width: auto` (its widest option, padding and
 * arrow), against the width it has on the page. A narrower select cuts its text off.
 */
export async function selectFit(page, selector) {
  return page.locator(selector).evaluate((select) => {
    const probe = select.cloneNode(true);
    probe.removeAttribute('id');
    probe.style.width = 'auto';
    probe.style.minWidth = '0';
    select.after(probe);
    const needed = probe.getBoundingClientRect().width;
    probe.remove();
    return { needed, has: select.getBoundingClientRect().width };
  });
}

/**
 * How the text of `selector` lies: on how many lines, and whether it stays
 * inside its ancestor `container` (a text broken mid-word takes two lines).
 */
export async function textLayout(page, selector, container) {
  return page.locator(selector).evaluate((node, container) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    const text = range.getBoundingClientRect();
    const box = node.closest(container).getBoundingClientRect();
    return { lines, inside: text.left >= box.left && text.right <= box.right };
  }, container);
}
