// The header's search box, enhanced: "/" focuses it, suggestions from /search as you
// type, arrow keys choose, Enter opens the chosen entity's page here, Escape closes.
// Without this script the box is a plain form that opens the /search page.
// Labels are untrusted text: they go into the page as textContent only.
(function () {
  "use strict";
  var form = document.querySelector("form.site-search");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var list = form.querySelector(".site-search-list");
  var items = [];
  var chosen = -1;
  var timer = null;
  var asked = 0;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    chosen = -1;
  }

  function choose(index) {
    chosen = index;
    items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
    if (index >= 0) { input.setAttribute("aria-activedescendant", items[index].id); }
  }

  function show(results) {
    list.textContent = "";
    items = [];
    results.forEach(function (hit, i) {
      if (!hit.href || hit.href.charAt(0) !== "/") { return; }  // this server's pages only
      var li = document.createElement("li");
      li.id = "site-search-option-" + i;
      li.setAttribute("role", "option");
      li.dataset.href = hit.href;
      var name = document.createElement("span");
      name.textContent = hit.label;
      var cls = document.createElement("span");
      cls.className = "badge";
      cls.textContent = hit["class"] ? hit["class"].label || "entity" : "entity";
      li.appendChild(name);
      li.appendChild(cls);
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.assign(li.dataset.href);
      });
      list.appendChild(li);
      items.push(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
    choose(-1);
  }

  function suggest() {
    var q = input.value.trim();
    if (!q) { close(); return; }
    var mine = ++asked;
    var url = form.getAttribute("action") + "?format=json&limit=8&q=" + encodeURIComponent(q);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) { if (mine === asked) { show(data.results || []); } })
      .catch(function () { close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      if (list.hidden) { list.hidden = false; }
      choose((chosen + 1) % items.length);
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      choose(chosen <= 0 ? items.length - 1 : chosen - 1);
    } else if (event.key === "Enter" && chosen >= 0 && !list.hidden) {
      event.preventDefault();
      window.location.assign(items[chosen].dataset.href);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
  document.addEventListener("keydown", function (event) {
    var t = event.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) ||
                       (t.closest && t.closest(".CodeMirror, .yasqe")));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
})();
