// Labels and links of the query UI's results (index.html; used by workbench.js and
// query_views.js). An IRI of this dataset (or of the ontology) links to this server's page,
// in the same tab; another IRI keeps its link (a new tab). Every IRI a result names is
// shown by its label, fetched for the whole result in one POST /labels (batches of 500),
// with the IRI itself on hover (title). Labels are untrusted text: they reach the page
// as textContent only, never as HTML.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root) { return; }
  var cfg = {
    labels: root.getAttribute("data-labels"),
    prefix: root.getAttribute("data-root") || "",
    dataBase: root.getAttribute("data-data-base") || "",
    ontology: root.getAttribute("data-ontology-base") || ""
  };
  var BATCH = 500;  // server/pages/labels.py MAX_IRIS
  var labels = new Map();   // IRI -> label (IRIs without one are absent)
  var pending = new Map();  // IRI -> the promise of the request that asks for it

  // This server's path for an IRI it dereferences (as server/http/iris.py), else null.
  function localHref(iri) {
    if (cfg.dataBase && iri.indexOf(cfg.dataBase) === 0) {
      return cfg.prefix + "/id/" + iri.slice(cfg.dataBase.length);
    }
    var o = cfg.ontology;
    if (o && (iri === o || iri.indexOf(o + "#") === 0 || iri.indexOf(o + "/") === 0)) {
      return cfg.prefix + "/ontology" + iri.slice(o.length);
    }
    return null;
  }

  // Where a link to an IRI goes: here if we serve it, else the IRI when it is http(s).
  function href(iri) {
    var local = localHref(iri);
    if (local !== null) { return local; }
    return /^https?:\/\//i.test(iri) ? iri : null;
  }

  function irisOf(results) {
    var seen = new Set();
    if (!results || !results.getBindings) { return []; }
    var vars = results.getVariables() || [];
    (results.getBindings() || []).forEach(function (row) {
      vars.forEach(function (v) {
        var t = row[v];
        if (t && t.type === "uri") { seen.add(t.value); }
      });
    });
    return Array.from(seen);
  }

  function ask(iris) {
    return fetch(cfg.labels, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ iris: iris })
    }).then(function (r) {
      if (!r.ok) { throw new Error("labels: HTTP " + r.status); }
      return r.json();
    }).then(function (body) {
      var found = body.labels || {};
      iris.forEach(function (iri) {
        if (Object.prototype.hasOwnProperty.call(found, iri) && typeof found[iri] === "string") {
          labels.set(iri, found[iri]);
        }
      });
    });
  }

  // Batches go one after another (the server shares its query slots between clients);
  // one busy answer (429/503) is retried once after a pause.
  var queue = Promise.resolve();
  function askInTurn(iris) {
    var turn = queue.then(function () {
      return ask(iris).catch(function () {
        return new Promise(function (resolve) { window.setTimeout(resolve, 1500); })
          .then(function () { return ask(iris); });
      });
    }).catch(function (err) { console.warn(err.message); });
    queue = turn;
    return turn;
  }

  // The labels of every IRI of a result: resolves once they are known (or failed).
  function load(results) {
    var iris = irisOf(results);
    var fresh = iris.filter(function (iri) { return !pending.has(iri); });
    for (var i = 0; i < fresh.length; i += BATCH) {
      var chunk = fresh.slice(i, i + BATCH);
      var p = askInTurn(chunk);
      chunk.forEach(function (iri) { pending.set(iri, p); });
    }
    var waits = new Set(iris.map(function (iri) { return pending.get(iri); }));
    return Promise.all(Array.from(waits)).then(function () { decorate(root); });
  }

  function label(iri) { return labels.get(iri); }

  // A short readable text for an IRI without a label: its last segment.
  function tail(iri) {
    var m = /[^/#]+[/#]?$/.exec(iri);
    return m ? m[0] : iri;
  }

  function showLabel(a, text) {
    a.textContent = text;
    a.classList.add("ck-labelled");
    // the table wraps an unprefixed IRI in < >: not around a label
    [a.previousSibling, a.nextSibling].forEach(function (n) {
      if (n && n.nodeType === 3 && /^\s*[<>]\s*$/.test(n.nodeValue)) { n.remove(); }
    });
  }

  // One IRI link of the table: a local link in the same tab, another http(s) link in a new
  // one without an opener, any other IRI unlinked; the IRI as the title.
  function fix(a, iri) {
    a.setAttribute("data-ck-iri", iri);
    a.removeAttribute("ref");  // YASR writes "ref" for "rel"
    a.title = iri;
    var local = localHref(iri);
    if (local !== null) {
      a.setAttribute("href", local);
      a.removeAttribute("target");
      a.removeAttribute("rel");
      a.classList.add("ck-local");
    } else if (href(iri) !== null) {
      a.setAttribute("href", iri);
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer");
    } else {
      a.removeAttribute("href");  // javascript:, data:, urn:… are shown, never linked
      a.removeAttribute("target");
      a.removeAttribute("rel");
    }
  }

  // The result views of each tab (registered by workbench.js): their tables are read
  // cell by cell, so each link gets the exact IRI of its cell (YASR's sanitizer drops
  // the href of some IRIs, and shortens the text of others to a prefixed name).
  var views = new Set();
  function register(yasr) { views.add(yasr); }

  function fixTables() {
    views.forEach(function (yasr) {
      var table = yasr.plugins && yasr.plugins.table;
      var dt = table && table.dataTable;
      if (!dt || !dt.cells) { return; }
      try {
        dt.cells({ page: "current" }).every(function () {
          var d = this.data(), node = this.node();
          if (!node || !d || typeof d !== "object") { return; }
          var a = d.type === "uri" ? node.querySelector("a.iri") : null;
          if (a && !a.hasAttribute("data-ck-iri")) { fix(a, d.value); }
          var dt2 = d.datatype ? node.querySelector("sup a.iri") : null;
          if (dt2 && !dt2.hasAttribute("data-ck-iri")) { fix(dt2, d.datatype); }
        });
      } catch (err) {
        views.delete(yasr);  // a closed tab
      }
    });
  }

  // Every IRI link of the result views: fixed, and its label shown once known.
  function decorate(scope) {
    fixTables();
    scope.querySelectorAll("a.iri:not([data-ck-iri])").forEach(function (a) {
      var given = a.getAttribute("href");
      if (given) { fix(a, given); }
    });
    scope.querySelectorAll("a.iri[data-ck-iri]:not(.ck-labelled)").forEach(function (a) {
      if (a.closest("sup")) { return; }  // a literal's datatype stays as written
      var text = labels.get(a.getAttribute("data-ck-iri"));
      if (text !== undefined) { showLabel(a, text); }
    });
  }

  // New table pages (DataTables redraws) get their links fixed as they appear.
  var scheduled = false;
  new MutationObserver(function () {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; decorate(root); });
  }).observe(root, { childList: true, subtree: true });

  window.conflictKgLabels = {
    load: load, label: label, register: register, localHref: localHref, href: href, tail: tail,
    decorate: decorate, countries: root.getAttribute("data-countries"),
    ontology: cfg.ontology
  };
})();
