// The query UI: YASGUI (served from this app, installed by `make assets`) pointed at /sparql,
// with every analyst query of the library as a ready tab.
(function () {
  "use strict";
  var el = document.getElementById("yasgui");
  if (!el || typeof Yasgui === "undefined") { return; }
  var queries = JSON.parse(document.getElementById("ck-queries").textContent);
  var endpoint = new URL(el.getAttribute("data-endpoint"), window.location.href).href;
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
  window.conflictKgYasgui = yasgui;
})();
