// The query UI: YASGUI (served from this app, installed by `make assets`) pointed at /sparql,
// with every analyst query of the library as a ready tab. Results: the Table (links and
// labels fixed by query_labels.js), Chart and Map (query_views.js) and Response views.
(function () {
  "use strict";
  var el = document.getElementById("yasgui");
  if (!el || typeof Yasgui === "undefined") { return; }
  var queries = JSON.parse(document.getElementById("ck-queries").textContent);
  var endpoint = new URL(el.getAttribute("data-endpoint"), window.location.href).href;
  var views = window.conflictKgViews || { why: {} };
  var labels = window.conflictKgLabels || null;
  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: {
      value: "PREFIX ck: <https://w3id.org/conflict-kg/ontology#>\n" +
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n" +
        "SELECT ?entity ?label ?type WHERE {\n  ?entity a ?type ; rdfs:label ?label .\n" +
        "  FILTER(STRSTARTS(STR(?type), STR(ck:)))\n} ORDER BY ?label LIMIT 100\n"
    }
  });
  queries.forEach(function (q) {
    yasgui.addTab(false, { name: q.name, yasqe: { value: q.sparql } });
  });

  // After each answer: the labels of its IRIs (one request), and why a view is greyed out.
  function explain(yasr) {
    Object.keys(views.why).forEach(function (name) {
      var button = yasr.rootEl.querySelector(".select_" + name);
      if (!button) { return; }
      var plugin = yasr.plugins[name];
      var label = (plugin && plugin.label) || name;
      button.title = button.classList.contains("disabled") ? label + ": " + views.why[name] : label;
    });
  }
  var watched = new WeakSet();
  yasgui.on("queryResponse", function (_yasgui, tab) {
    var yasr = tab.getYasr();
    if (!yasr || watched.has(yasr)) { return; }
    watched.add(yasr);
    if (labels) { labels.register(yasr); }
    yasr.on("drawn", function (y) {
      window.setTimeout(function () { explain(y); }, 0);  // YASR greys the buttons after "drawn"
      if (labels && y.results) { labels.load(y.results); }
    });
  });
  window.conflictKgYasgui = yasgui;
})();
