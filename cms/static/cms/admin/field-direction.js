// Each translated input writes in its language's direction, whatever the
// admin's own: Arabic right to left, French and English left to right.
// Plain inputs get lang and dir from the server (cms/admin_forms.py); rich
// text (Draftail) and StreamField blocks are drawn here, in the browser, so
// they get them here, as they appear. A field's language is the suffix of
// its name: title_ar, body_fr-0-value, gallery_images-0-caption_en.
(() => {
  const LANGUAGE = /_(ar|fr|en)(?=-|$)/;
  const RIGHT_TO_LEFT = new Set(["ar"]);
  // Addresses and numbers read left to right in any language.
  const CODES = new Set(["url", "email", "number", "tel", "date", "time"]);

  const mark = (element, code) => {
    if (element.getAttribute("lang") === code) return;
    element.setAttribute("lang", code);
    element.setAttribute("dir", RIGHT_TO_LEFT.has(code) ? "rtl" : "ltr");
  };

  const apply = (root) => {
    root.querySelectorAll("input[name], textarea[name]").forEach((input) => {
      const match = LANGUAGE.exec(input.name);
      if (!match) return;
      const code = match[1];
      if (input.type === "hidden") {
        // Draftail keeps its value in a hidden input beside its editor.
        const editor = input.parentElement?.querySelector(
          ":scope > .Draftail-Editor, :scope > * > .Draftail-Editor",
        );
        if (editor) mark(editor, code);
      } else if (input.tagName === "TEXTAREA" || !CODES.has(input.type)) {
        if (input.type !== "checkbox" && input.type !== "radio") mark(input, code);
      }
    });
  };

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      apply(document);
    });
  };

  const start = () => {
    apply(document);
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
