// Parallax pages work without this script; it adds two conveniences:
// - a citation or quote link opens the folded text it points to and flashes the passage;
// - quote groups get "expand all" / "collapse all" buttons.
// It reads no data from the page into markup: it only toggles attributes and classes.
(function () {
  "use strict";

  function passageOf(anchor) {
    // Passages start with an empty anchor span; the words follow it.
    var next = anchor.nextElementSibling;
    return next && (next.tagName === "MARK" || next.classList.contains("q")) ? next : anchor;
  }

  function reveal(id) {
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
    var old = document.querySelectorAll(".flash");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("flash");
    // Passages and quotes flash; section links only scroll.
    if (!target.classList.contains("anchor") && !target.classList.contains("said")) {
      target.scrollIntoView();
      return;
    }
    var passage = passageOf(target);
    passage.classList.add("flash");
    passage.scrollIntoView({ block: "center" });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (!link) return;
    var id = decodeURIComponent(link.getAttribute("href").slice(1));
    if (!document.getElementById(id)) return;
    event.preventDefault();
    history.pushState(null, "", "#" + encodeURIComponent(id));
    reveal(id);
  });

  window.addEventListener("hashchange", function () {
    reveal(decodeURIComponent(location.hash.slice(1)));
  });

  function groupTools() {
    var headings = document.querySelectorAll("h3[id$='-groups']");
    for (var i = 0; i < headings.length; i++) {
      var heading = headings[i];
      var tools = document.createElement("div");
      tools.className = "tools";
      [["Expand all", true], ["Collapse all", false]].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = spec[0];
        button.className = spec[1] ? "expand-groups" : "collapse-groups";
        button.addEventListener("click", function () {
          var section = heading.nextElementSibling;
          for (; section && section.tagName !== "H3"; section = section.nextElementSibling) {
            if (section.matches("details.group")) section.open = spec[1];
          }
        });
        tools.appendChild(button);
      });
      heading.insertAdjacentElement("afterend", tools);
    }
  }

  function start() {
    groupTools();
    if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
