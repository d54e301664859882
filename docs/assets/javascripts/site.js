/* Small additions to Material's behaviour. Material's own script loads after the page, so
   this file relies on nothing of it: plain DOM events and a MutationObserver. */
(function () {
  "use strict";

  /* A heading's permalink also copies the section's full address, and says so. */
  var status;
  function announce(message) {
    if (!status) {
      status = document.createElement("div");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = message;
    status.classList.add("copy-status--visible");
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () {
      status.classList.remove("copy-status--visible");
    }, 2500);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.headerlink");
    if (!link || !navigator.clipboard) return;
    var address = new URL(link.getAttribute("href"), location.href).href;
    navigator.clipboard.writeText(address).then(function () {
      announce("Link to this section copied");
    }, function () {
      announce("Link to this section is in the address bar");
    });
  });

  /* Glossary terms (abbr) show their definition on hover and on keyboard focus. One set of
     delegated listeners serves every term, so long pages cost nothing at load; Material's
     own tooltips mount a component per element, which blocked phones for a noticeable time.
     The tooltip can be hovered, and Escape dismisses it (WCAG 1.4.13). */
  var tip, shownFor, hideTimer;
  function showTip(term) {
    clearTimeout(hideTimer);
    if (shownFor === term) return;
    hideTip();
    var text = term.getAttribute("title") || term.dataset.definition;
    if (!text) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "glossary-tooltip";
      tip.className = "glossary-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", scheduleHide);
      document.body.appendChild(tip);
    }
    term.dataset.definition = text;
    term.removeAttribute("title");  /* no second, native tooltip on top of ours */
    term.setAttribute("aria-describedby", tip.id);
    tip.textContent = text;
    tip.hidden = false;
    var box = term.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + "px";
    shownFor = term;
  }
  function hideTip() {
    clearTimeout(hideTimer);
    if (!tip || !shownFor) return;
    shownFor.setAttribute("title", shownFor.dataset.definition);
    shownFor.removeAttribute("aria-describedby");
    tip.hidden = true;
    shownFor = null;
  }
  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideTip, 300);
  }
  function termOf(target) {
    return target.closest ? target.closest("article abbr") : null;
  }
  document.addEventListener("mouseover", function (e) { var t = termOf(e.target); if (t) showTip(t); });
  document.addEventListener("mouseout", function (e) { if (termOf(e.target)) scheduleHide(); });
  document.addEventListener("focusin", function (e) { var t = termOf(e.target); if (t) showTip(t); else hideTip(); });
  document.addEventListener("focusout", function (e) { if (termOf(e.target)) hideTip(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideTip(); });

  /* Material adds a <nav> of actions to every code block; landmarks need distinct names. */
  function labelCodeNavs() {
    var navs = document.querySelectorAll(".md-code__nav:not([aria-label])");
    if (!navs.length) return;
    var blocks = Array.prototype.slice.call(document.querySelectorAll("pre"));
    navs.forEach(function (nav) {
      nav.setAttribute("aria-label", "Code block " + (blocks.indexOf(nav.closest("pre")) + 1) + " actions");
    });
  }
  /* Mutation records arrive in batches; one query per batch, not one per added node. The
     first call labels any that Material added before this script ran. */
  labelCodeNavs();
  new MutationObserver(labelCodeNavs).observe(document.body, { childList: true, subtree: true });
})();
