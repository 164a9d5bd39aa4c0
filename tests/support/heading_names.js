// The accessible name and level of every heading of a page, as Chromium computes them for a
// screen reader (its accessibility tree, through puppeteer's snapshot), printed as JSON.
// node heading_names.js <puppeteer folder> <chromium> <page path>
"use strict";
const [folder, chromium, page] = process.argv.slice(2);
const puppeteer = require(folder);

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: "new",
    args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
  });
  const tab = await browser.newPage();
  await tab.setViewport({ width: 360, height: 740 });
  await tab.goto("file://" + page, { waitUntil: "load" });
  const tree = await tab.accessibility.snapshot({ interestingOnly: false });
  const found = [];
  (function walk(node) {
    if (node.role === "heading") found.push([node.level, node.name]);
    (node.children || []).forEach(walk);
  })(tree);
  console.log(JSON.stringify(found));
  await browser.close();
})();
