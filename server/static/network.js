// The claims network: Cytoscape.js (vendored from npm, served here) over the JSON of
// /network.json, from the page's #network-data block or the graph's data-src URL.
// Untrusted text (labels) only ever goes through textContent or Cytoscape's canvas.
(function () {
  "use strict";
  var COLOURS = { "blames": "#b42318", "holds responsible": "#c2410c", "accuses": "#9f1239",
                  "denies": "#5b2d91", "confirms": "#0b5cab", "agreement": "#067647" };

  // cose with the labels' boxes counted as node size, strong repulsion and a wide
  // overlap penalty: labels do not overlap (tests/browser/test_views.py measures it).
  var LAYOUT = { name: "cose", animate: false, randomize: true, nodeDimensionsIncludeLabels: true,
                 nodeOverlap: 60, componentSpacing: 40, numIter: 2500, padding: 10,
                 nodeRepulsion: function () { return 30000; },
                 idealEdgeLength: function () { return 70; } };

  function overlaps(cy) {
    var boxes = cy.nodes().map(function (n) { return n.boundingBox({ includeLabels: true }); });
    var count = 0;
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i], b = boxes[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) { count++; }
      }
    }
    return count;
  }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function link(href, text) {
    var a = el("a", text);
    if (href && href.charAt(0) === "/") { a.setAttribute("href", href); }  // this server only
    return a;
  }

  function details(panel, data, labels) {
    panel.replaceChildren();
    var head = el("p");
    head.appendChild(el("strong", labels[data.source]));
    head.appendChild(document.createTextNode(" " + data.kind + " "));
    head.appendChild(el("strong", labels[data.target]));
    head.appendChild(document.createTextNode(" (" + data.weight + (data.weight === 1 ? " claim)" : " claims)")));
    panel.appendChild(head);
    var list = el("ul");
    data.claims.forEach(function (c) {
      var li = el("li");
      li.appendChild(link(c.href, c.label));
      list.appendChild(li);
    });
    panel.appendChild(list);
  }

  function draw(view, data) {
    var container = view.querySelector(".network-graph");
    var panel = view.querySelector(".network-details");
    var labels = {};
    var elements = data.nodes.map(function (n) {
      labels[n.id] = n.label;
      return { group: "nodes", data: { id: n.id, label: n.label, href: n.href,
                                        focus: n.id === data.focus ? 1 : 0 } };
    });
    var max = 1;
    data.edges.forEach(function (e) { max = Math.max(max, e.weight); });
    data.edges.forEach(function (e, i) {
      elements.push({ group: "edges", data: {
        id: "e" + i, source: e.source, target: e.target, kind: e.kind, weight: e.weight,
        claims: e.claims, colour: COLOURS[e.kind] || "#888",
        width: 1.5 + 6 * (e.weight - 1) / Math.max(max - 1, 1),
        arrow: e.kind === "agreement" ? "none" : "triangle" } });
    });
    var cy = cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.3,
      maxZoom: 1.6,  // a graph of three nodes is not drawn at poster size
      minZoom: 0.1,
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 13, "min-zoomed-font-size": 0,
          "text-wrap": "wrap", "text-max-width": 120, "text-valign": "bottom",
          "text-margin-y": 3, "background-color": "#0b5cab", "width": 14, "height": 14,
          "text-background-color": "#fbfcfe", "text-background-opacity": 0.85 } },
        { selector: "node[focus = 1]", style: { "background-color": "#c2410c", "width": 20, "height": 20 } },
        { selector: "edge", style: { "width": "data(width)", "line-color": "data(colour)",
          "target-arrow-color": "data(colour)", "target-arrow-shape": "data(arrow)",
          "curve-style": "bezier", "opacity": 0.8 } },
        { selector: "edge:selected", style: { "opacity": 1, "underlay-color": "#fde68a",
          "underlay-opacity": 0.8, "underlay-padding": 3 } }
      ],
      layout: LAYOUT
    });
    // cose is randomised: a few more runs when labels still touch (small graphs only).
    for (var run = 0; run < 4 && cy.nodes().length <= 150 && overlaps(cy) > 0; run++) {
      cy.layout(LAYOUT).run();
    }
    cy.on("tap", "edge", function (evt) { details(panel, evt.target.data(), labels); });
    cy.on("tap", "node", function (evt) {
      var href = evt.target.data("href");
      if (href && href.charAt(0) === "/") { window.location.assign(href); }
    });
    view.querySelectorAll(".network-legend input[data-kind]").forEach(function (box) {
      box.addEventListener("change", function () {
        cy.edges().filter(function (e) { return e.data("kind") === box.getAttribute("data-kind"); })
          .style("display", box.checked ? "element" : "none");
      });
    });
    container.setAttribute("data-edges", String(data.edges.length));
    window.conflictKgNetwork = cy;
  }

  function start() {
    var container = document.getElementById("network-graph");
    if (!container || typeof cytoscape === "undefined") { return; }
    var view = container.closest(".network-view");
    var block = document.getElementById("network-data");
    if (block) {
      draw(view, JSON.parse(block.textContent));
      return;
    }
    var src = container.getAttribute("data-src");
    if (!src) { return; }
    fetch(src, { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !data.edges.length) { return; }
        var section = container.closest("section");
        if (section) { section.hidden = false; }
        draw(view, data);
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
