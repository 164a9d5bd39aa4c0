// Measures the content documents loaded in this page's frames (tests/support/readers.py).
// CONFIG = {docs, width, height, dark, css}: `css` is a reader stylesheet to inject first
// in each document's <head> (a reading system's theme, dark when `dark`, or its own layout
// rules: the book's own styles win over it).
"use strict";

function channels(colour) {
  const m = (colour.match(/[\d.]+/g) || ["0", "0", "0", "0"]).map(Number);
  return { rgb: m.slice(0, 3), alpha: m.length > 3 ? m[3] : 1 };
}

function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(fg, bg) {
  const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

// The colour behind an element: the first ancestor with an opaque-enough background,
// else the page (white, as a frame over this white page shows it).
function background(win, el) {
  for (let e = el; e; e = e.parentElement) {
    const c = channels(win.getComputedStyle(e).backgroundColor);
    if (c.alpha > 0.5) return c.rgb;
  }
  return [255, 255, 255];
}

function ownText(el) {
  return [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
}

function worstIn(win, root) {
  let worst = null;
  for (const el of [root, ...root.querySelectorAll("*")]) {
    if (!ownText(el)) continue;
    const cs = win.getComputedStyle(el);
    if (cs.display === "none" || cs.visibility === "hidden") continue;
    const ratio = contrast(channels(cs.color).rgb, background(win, el));
    if (!worst || ratio < worst.ratio) {
      worst = {
        ratio: Math.round(ratio * 100) / 100,
        tag: el.tagName.toLowerCase(),
        cls: String(el.className || ""),
        text: el.textContent.trim().slice(0, 50),
        color: cs.color,
      };
    }
  }
  return worst;
}

function noteCalls(win, doc) {
  const found = [];
  for (const ref of doc.querySelectorAll("a.noteref")) {
    const section = ref.closest("section");
    const p = section && section.querySelector("p");
    if (!p) continue;
    const letter = doc.createElementNS("http://www.w3.org/1999/xhtml", "span");
    letter.textContent = "n";
    p.appendChild(letter);
    const l = letter.getBoundingClientRect();
    p.removeChild(letter);
    const r = ref.getBoundingClientRect();
    // where following the call lands: its note must have a box (one hidden with display:
    // none has none, and the page does not move); a data date's note, hidden after its
    // line, at the line's own place, so that the line is in view
    const target = doc.getElementById((ref.getAttribute("href") || "").replace(/^#/, ""));
    const before = target && target.previousElementSibling;
    const line = before && before.classList.contains("data-date-line") ? before : null;
    found.push({
      text: ref.textContent,
      width: r.width, height: r.height,
      letterWidth: l.width, letterHeight: l.height,
      lands: Boolean(target && target.getClientRects().length > 0),
      lineBelowLanding: line
        ? line.getBoundingClientRect().top - target.getBoundingClientRect().top : null,
      fontPx: parseFloat(win.getComputedStyle(ref).fontSize),
      bodyFontPx: parseFloat(win.getComputedStyle(p).fontSize),
    });
  }
  return found;
}

function measure(frame) {
  const win = frame.contentWindow;
  const doc = frame.contentDocument;
  if (!doc || !doc.documentElement) return { doc: frame.dataset.name, error: "no access" };
  if (CONFIG.css) {
    const style = doc.createElementNS("http://www.w3.org/1999/xhtml", "style");
    style.textContent = CONFIG.css;
    const head = doc.querySelector("head");
    head.insertBefore(style, head.firstChild);
  }
  const root = doc.documentElement;
  const headings = [...doc.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((h) => win.getComputedStyle(h).display !== "none" && !h.closest("[hidden]"))
    .map((h) => ({ id: h.id, worst: worstIn(win, h) }))
    .filter((h) => h.worst);
  const paragraphs = [...doc.querySelectorAll("p, li, td, th")]
    .filter((p) => !p.closest("[hidden]"))
    .map((p) => worstIn(win, p))
    .filter(Boolean)
    .sort((a, b) => a.ratio - b.ratio);
  const image = doc.querySelector("img");
  const box = image ? image.getBoundingClientRect() : null;
  return {
    doc: frame.dataset.name,
    headings,
    worstText: paragraphs[0] || null,
    scrollWidth: root.scrollWidth,
    scrollHeight: root.scrollHeight,
    image: box && { top: box.top, bottom: box.bottom, left: box.left, right: box.right,
                    width: box.width, height: box.height, display: win.getComputedStyle(image).display },
    noteCalls: noteCalls(win, doc),
    figures: [...doc.querySelectorAll("figure")].map((f) => {
      const img = f.querySelector("img"), caption = f.querySelector("figcaption");
      const i = img ? img.getBoundingClientRect() : null;
      const c = caption ? caption.getBoundingClientRect() : null;
      return { id: f.id, image: i && { left: i.left, right: i.right, top: i.top, bottom: i.bottom },
               caption: c && { left: c.left, right: c.right, top: c.top } };
    }),
    // a table in a box that scrolls sideways (a wide one's, styles/epub/book.css): the box
    // is what must fit its room, the table may be wider (`table`) and scroll in it
    tables: [...doc.querySelectorAll("table")].map((t) => {
      const held = t.parentElement.classList.contains("table-scroll") ? t.parentElement : t;
      const box = win.getComputedStyle(held.parentElement);
      const padding = parseFloat(box.paddingLeft) + parseFloat(box.paddingRight);
      return { width: held.getBoundingClientRect().width, room: held.parentElement.clientWidth - padding,
               table: t.getBoundingClientRect().width, scrolls: held !== t };
    }),
    visibleText: doc.body.innerText,
  };
}

window.addEventListener("load", () => {
  const frames = [...document.querySelectorAll("iframe")];
  const results = frames.map(measure);
  document.getElementById("result").textContent = JSON.stringify({
    width: CONFIG.width, height: CONFIG.height, dark: Boolean(CONFIG.dark), results,
  });
});
