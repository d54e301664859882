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

  /* Material adds a <nav> of actions to every code block; landmarks need distinct names. */
  function labelCodeNavs(root) {
    var navs = root.querySelectorAll ? root.querySelectorAll(".md-code__nav:not([aria-label])") : [];
    navs.forEach(function (nav) {
      var block = nav.closest("pre");
      var index = Array.prototype.indexOf.call(document.querySelectorAll("pre"), block) + 1;
      nav.setAttribute("aria-label", "Code block " + index + " actions");
    });
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType === 1) labelCodeNavs(node.parentNode || node);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
