// Offline maps of events: Leaflet (served here) over the country outlines of
// world-atlas (TopoJSON, served here), no tile server. Markers come from a JSON
// data block on the page (entity and document pages) or from /map.json (the /map
// page). Labels are untrusted text: they reach the page as textContent only.
// Each marker's element carries data-iri, data-lat and data-lon; each map element
// gets data-markers (the count) once drawn, and its Leaflet map as `ckMap`.
(function () {
  "use strict";
  var COLOURS = { event: "#c2410c", zone: "#7c3aed", place: "#0b5cab" };

  function status(el, text) {
    var note = el.parentNode.querySelector(".ck-map-status");
    if (note) { note.textContent = text; }
  }

  // The events without a place with coordinates, listed under the /map page's map.
  function unplaced(el, data) {
    var section = el.dataset.unplaced ? document.getElementById(el.dataset.unplaced) : null;
    var rows = data.unplaced || [];
    if (!section || !rows.length) { return; }
    var list = section.querySelector("ul");
    rows.forEach(function (m) {
      var li = document.createElement("li");
      if (m.date) {
        var date = document.createElement("span");
        date.className = "date";
        date.textContent = m.date;
        li.appendChild(date);
        li.appendChild(document.createTextNode(" "));
      }
      li.appendChild(m.href ? link(m.href, m.label) : document.createTextNode(m.label));
      var kind = document.createElement("small");
      kind.className = "type";
      kind.textContent = " " + (m["class"] ? m["class"].label : "");
      li.appendChild(kind);
      if (m.place) {
        li.appendChild(document.createTextNode(" · in "));
        li.appendChild(m.place.href ? link(m.place.href, m.place.label) : document.createTextNode(m.place.label));
      }
      list.appendChild(li);
    });
    if (data.unplaced_count > rows.length) {
      var more = section.querySelector("p.more");
      more.textContent = "and " + (data.unplaced_count - rows.length) + " more.";
      more.hidden = false;
    }
    section.hidden = false;
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function popup(m) {
    var box = document.createElement("div");
    box.className = "ck-popup";
    var title = document.createElement("strong");
    title.appendChild(m.href ? link(m.href, m.label) : document.createTextNode(m.label));
    box.appendChild(title);
    var lines = [m["class"] && m["class"].label, m.date, m.factuality ? m.factuality + ": not stated as having happened" : null];
    lines.forEach(function (text) {
      if (text) {
        var p = document.createElement("div");
        p.textContent = text;
        box.appendChild(p);
      }
    });
    if (m.place && m.place.iri !== m.iri) {
      var at = document.createElement("div");
      at.appendChild(document.createTextNode("at "));
      at.appendChild(m.place.href ? link(m.place.href, m.place.label) : document.createTextNode(m.place.label));
      box.appendChild(at);
    }
    return box;
  }

  function tooltip(m) {
    var span = document.createElement("span");
    var dated = m.date && m.label.indexOf(m.date) < 0;  // labels often carry the date already
    span.textContent = m.label + (dated ? " (" + m.date + ")" : "");
    return span;
  }

  function countries(map, el) {
    if (!el.dataset.countries || typeof topojson === "undefined") { return; }
    fetch(el.dataset.countries).then(function (r) { return r.json(); }).then(function (topo) {
      var shapes = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(shapes, {
        interactive: false,
        style: { color: "#9aa6b8", weight: 0.7, fillColor: "#eef1f6", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    }).catch(function () { status(el, "The country outlines could not be loaded."); });
  }

  function draw(el, map, data) {
    var markers = data.markers || [];
    var points = [];
    markers.forEach(function (m) {
      var colour = COLOURS[m.kind] || COLOURS.event;
      var marker = L.circleMarker([m.lat, m.lon], {
        radius: m.kind === "event" ? 7 : 6, color: "#ffffff", weight: 1.5,
        fillColor: colour, fillOpacity: 0.9
      });
      marker.bindPopup(popup(m));
      marker.bindTooltip(tooltip(m));
      marker.addTo(map);
      var path = marker.getElement();
      if (path) {
        path.setAttribute("data-iri", m.iri);
        path.setAttribute("data-lat", String(m.lat));
        path.setAttribute("data-lon", String(m.lon));
        path.setAttribute("data-kind", m.kind);
        path.classList.add("ck-marker");
      }
      points.push([m.lat, m.lon]);
    });
    if (points.length === 1) {
      map.setView(points[0], 6, { animate: false });
    } else if (points.length > 1) {
      map.fitBounds(points, { padding: [30, 30], maxZoom: 6, animate: false });
    }
    var shown = markers.length + " on the map";
    if (data.unplaced_count) { shown += ", " + data.unplaced_count + " without a place with coordinates"; }
    if (data.truncated) { shown += "; cut at the first events: narrow the filters"; }
    status(el, shown);
    unplaced(el, data);
    el.dataset.markers = String(markers.length);
  }

  function init(el) {
    if (typeof L === "undefined") {
      status(el, "The map library is missing here: run `make assets` on the server.");
      return;
    }
    var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 12 });
    map.setView([25, 20], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth via world-atlas");
    el.ckMap = map;
    countries(map, el);
    var block = el.dataset.block ? document.getElementById(el.dataset.block) : null;
    if (block) {
      draw(el, map, JSON.parse(block.textContent));
      return;
    }
    if (!el.dataset.src) { return; }
    status(el, "Loading…");
    fetch(el.dataset.src, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.error || ("HTTP " + r.status)); }
        return body;
      });
    }).then(function (body) { draw(el, map, body); })
      .catch(function (err) { status(el, "The events could not be loaded: " + err.message); });
  }

  // The query UI's map view (query_views.js) draws the same country outlines.
  window.conflictKgMap = { countries: countries, colours: COLOURS };

  function start() { document.querySelectorAll(".ck-map").forEach(init); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
