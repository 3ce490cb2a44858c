// Two more result views of the query UI, as YASR plugins next to Table and Response:
// "Chart" for results with a date or a number column (rows per month or year of a date
// column; a bar per row for a number column, named by the row's first other column), and
// "Map" for results with coordinates (columns named lat/latitude and lon/long/longitude,
// or rows of ck:latitude/ck:longitude values), drawn with Leaflet over the country
// outlines served here, as the /map page does (map.js). A view is offered only when the
// result has the columns it needs. Plain SVG, built with createElementNS; every value
// and label is untrusted text and reaches the page as textContent only.
(function () {
  "use strict";
  if (typeof Yasgui === "undefined" || !Yasgui.Yasr) { return; }
  var Yasr = Yasgui.Yasr;
  var SVG = "http://www.w3.org/2000/svg";
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var NUMBERS = ["integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"].map(function (t) { return XSD + t; });
  var DATES = ["date", "dateTime", "dateTimeStamp", "gYearMonth", "gYear"].map(function (t) { return XSD + t; });
  var MAX_BARS = 300;     // bars of a number column (rows beyond are counted, not drawn)
  var MAX_MONTHS = 240;   // beyond: buckets of years
  var DATE_TEXT = /^(-?\d{4})(?:-(\d{2}))?/;

  function L10n() { return window.conflictKgLabels || null; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // --- reading a result ------------------------------------------------------------
  function kindOf(term) {
    if (!term) { return null; }
    if (term.type === "uri" || term.type === "bnode") { return "resource"; }
    var dt = term.datatype || "";
    if (NUMBERS.indexOf(dt) >= 0 && isFinite(parseFloat(term.value))) { return "number"; }
    if (DATES.indexOf(dt) >= 0 && DATE_TEXT.test(term.value)) { return "date"; }
    return "text";
  }

  // Each column's kind: that of all its non-empty cells, or "mixed".
  function columns(results) {
    var vars = results.getVariables() || [], rows = results.getBindings() || [];
    return vars.map(function (v) {
      var kind = null;
      rows.forEach(function (row) {
        var k = kindOf(row[v]);
        if (k === null) { return; }
        kind = kind === null || kind === k ? k : "mixed";
      });
      return { name: v, kind: kind };
    });
  }

  function hasRows(yasr) {
    var r = yasr.results;
    return !!(r && r.getVariables && r.getBindings && (r.getBindings() || []).length);
  }

  // A cell as text: a resource by its label (else its IRI's tail), a literal as written.
  function text(term) {
    if (!term) { return ""; }
    if (term.type === "uri") {
      var l10n = L10n();
      var known = l10n && l10n.label(term.value);
      return known !== undefined && known !== null ? known : (l10n ? l10n.tail(term.value) : term.value);
    }
    return term.value;
  }

  function linkTo(term) {
    var l10n = L10n();
    return term && term.type === "uri" && l10n ? l10n.href(term.value) : null;
  }

  // A cell as a DOM node: a link for a resource we can link, text otherwise.
  function cellNode(term) {
    var href = linkTo(term);
    if (!href) { return document.createTextNode(text(term)); }
    var a = el("a", null, text(term));
    a.href = href;
    a.title = term.value;
    var l10n = L10n();
    if (l10n && l10n.localHref(term.value) === null) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }
    return a;
  }

  function labelsThen(yasr, draw) {
    var l10n = L10n();
    var done = l10n ? l10n.load(yasr.results) : Promise.resolve();
    return done.catch(function () { return null; }).then(draw);
  }

  function icon(paths) {
    var s = svg("svg", { viewBox: "0 0 16 16", width: 15, height: 15, "aria-hidden": "true" });
    paths.forEach(function (d) { s.appendChild(svg("path", { d: d, fill: "currentColor" })); });
    var box = el("div", "svgImg");  // as YASR's own icons
    box.appendChild(s);
    return box;
  }

  // --- Chart -------------------------------------------------------------------------
  function Chart(yasr) {
    this.yasr = yasr;
    this.label = "Chart";
    this.priority = 4;  // never chosen over the table by default
    this.column = null;
    this.helpReference = undefined;
  }

  Chart.prototype.chartable = function () {
    if (!hasRows(this.yasr)) { return []; }
    return columns(this.yasr.results).filter(function (c) {
      return c.kind === "number" || c.kind === "date";
    });
  };

  Chart.prototype.canHandleResults = function () { return this.chartable().length > 0; };

  Chart.prototype.getIcon = function () {
    return icon(["M1 14h14v1H1z", "M2 8h3v5H2z", "M6.5 3h3v10h-3z", "M11 6h3v7h-3z"]);
  };

  Chart.prototype.draw = function () {
    var self = this;
    var options = this.chartable();
    var names = options.map(function (c) { return c.name; });
    if (names.indexOf(this.column) < 0) {
      // a number column first (bars by row), else the first date column (rows over time)
      var numeric = options.filter(function (c) { return c.kind === "number"; });
      this.column = (numeric[0] || options[0]).name;
    }
    var box = el("div", "ck-chart");
    var bar = el("div", "ck-view-controls");
    var pick = el("label", null, "Chart of ");
    var select = el("select", "ck-chart-column");
    options.forEach(function (c) {
      var o = el("option", null, "?" + c.name + (c.kind === "date" ? " (rows over time)" : ""));
      o.value = c.name;
      if (c.name === self.column) { o.selected = true; }
      select.appendChild(o);
    });
    select.addEventListener("change", function () {
      self.column = select.value;
      self.yasr.draw();
    });
    pick.appendChild(select);
    bar.appendChild(pick);
    box.appendChild(bar);
    var status = el("p", "ck-view-status");
    box.appendChild(status);
    var figure = el("div", "ck-chart-figure");
    box.appendChild(figure);
    this.yasr.resultsEl.appendChild(box);
    var column = options.filter(function (c) { return c.name === self.column; })[0];
    return labelsThen(this.yasr, function () {
      if (column.kind === "date") {
        drawBuckets(self.yasr.results, column.name, figure, status);
      } else {
        drawBars(self.yasr.results, column.name, figure, status);
      }
      box.setAttribute("data-drawn", "true");
    });
  };

  Chart.prototype.destroy = function () { this.column = this.column || null; };

  // Rows per month (or per year, for year-precision dates or a long span) of a date column:
  // a bar per bucket from the first to the last, empty buckets included.
  function drawBuckets(results, name, figure, status) {
    var rows = results.getBindings() || [];
    var parsed = [], undated = 0, monthly = true;
    rows.forEach(function (row) {
      var t = row[name];
      var m = t && kindOf(t) === "date" ? DATE_TEXT.exec(t.value) : null;
      if (!m) { undated += 1; return; }
      var year = parseInt(m[1], 10), month = m[2] ? parseInt(m[2], 10) : null;
      if (month === null) { monthly = false; }
      parsed.push({ year: year, month: month });
    });
    if (!parsed.length) { status.textContent = "No row has a date in ?" + name + "."; return; }
    var index = function (p) { return monthly ? p.year * 12 + (p.month - 1) : p.year; };
    var first = Math.min.apply(null, parsed.map(index)), last = Math.max.apply(null, parsed.map(index));
    if (monthly && last - first + 1 > MAX_MONTHS) {
      monthly = false;
      first = Math.floor(first / 12);
      last = Math.floor(last / 12);
    }
    var counts = {};
    parsed.forEach(function (p) {
      var i = monthly ? p.year * 12 + (p.month - 1) : p.year;
      counts[i] = (counts[i] || 0) + 1;
    });
    var keyOf = function (i) {
      if (!monthly) { return String(i); }
      var y = Math.floor(i / 12), m = i % 12 + 1;
      return y + "-" + (m < 10 ? "0" : "") + m;
    };
    var buckets = [];
    for (var i = first; i <= last; i += 1) { buckets.push({ key: keyOf(i), count: counts[i] || 0 }); }
    var top = Math.max.apply(null, buckets.map(function (b) { return b.count; }));
    var step = Math.max(14, Math.min(48, Math.floor(860 / buckets.length)));
    var left = 40, height = 220, base = 20 + height;
    var width = left + step * buckets.length + 20;
    var chart = svg("svg", { "class": "ck-chart-svg ck-buckets", width: width, height: base + 60,
      viewBox: "0 0 " + width + " " + (base + 60), role: "img" });
    chart.appendChild(svg("title", {}, "Rows per " + (monthly ? "month" : "year") + " of ?" + name));
    [0, top].forEach(function (v) {
      var y = base - (top ? v / top * height : 0);
      chart.appendChild(svg("line", { "class": "ck-grid", x1: left, x2: width - 10, y1: y, y2: y }));
      chart.appendChild(svg("text", { "class": "ck-axis", x: left - 6, y: y + 4, "text-anchor": "end" }, String(v)));
    });
    var every = Math.ceil(buckets.length / Math.floor(860 / 56));
    buckets.forEach(function (b, n) {
      var h = top ? b.count / top * height : 0;
      var x = left + n * step;
      var rect = svg("rect", { "class": "ck-bar", x: x + 2, y: base - h, width: step - 4, height: h,
        "data-key": b.key, "data-count": b.count });
      rect.appendChild(svg("title", {}, b.key + ": " + b.count + (b.count === 1 ? " row" : " rows")));
      chart.appendChild(rect);
      if (n % every === 0) {
        chart.appendChild(svg("text", { "class": "ck-axis", x: x + step / 2, y: base + 16,
          "text-anchor": "middle" }, b.key));
      }
    });
    figure.appendChild(chart);
    status.textContent = parsed.length + " rows in " + buckets.length + " " +
      (monthly ? "months" : "years") + " (" + buckets[0].key + " to " + buckets[buckets.length - 1].key + ")" +
      (undated ? "; " + undated + " without a date in ?" + name : "") + ".";
  }

  // A bar per row of a number column, named by the row's first other non-number column.
  function drawBars(results, name, figure, status) {
    var cols = columns(results);
    var by = cols.filter(function (c) {
      return c.name !== name && (c.kind === "resource" || c.kind === "text" || c.kind === "mixed");
    })[0];
    var rows = [];
    var skipped = 0;
    (results.getBindings() || []).forEach(function (row, i) {
      var t = row[name];
      if (!t || kindOf(t) !== "number") { skipped += 1; return; }
      rows.push({ row: i, value: parseFloat(t.value), name: by ? row[by.name] : null });
    });
    var shown = rows.slice(0, MAX_BARS);
    var values = shown.map(function (r) { return r.value; });
    var lo = Math.min(0, Math.min.apply(null, values)), hi = Math.max(0, Math.max.apply(null, values));
    var span = hi - lo || 1;
    var left = 250, plot = 560, rowH = 22;
    var width = left + plot + 80, height = 10 + rowH * shown.length + 10;
    var chart = svg("svg", { "class": "ck-chart-svg ck-bars", width: width, height: height,
      viewBox: "0 0 " + width + " " + height, role: "img" });
    chart.appendChild(svg("title", {}, "?" + name + (by ? " by ?" + by.name : " by row")));
    var zero = left + (0 - lo) / span * plot;
    chart.appendChild(svg("line", { "class": "ck-grid", x1: zero, x2: zero, y1: 4, y2: height - 4 }));
    shown.forEach(function (r, n) {
      var y = 10 + n * rowH;
      var x0 = left + (Math.min(0, r.value) - lo) / span * plot;
      var w = Math.abs(r.value) / span * plot;
      var caption = r.name ? text(r.name) : "row " + (r.row + 1);
      var short = caption.length > 38 ? caption.slice(0, 37) + "…" : caption;
      var nameEl = svg("text", { "class": "ck-bar-name", x: left - 8, y: y + 15, "text-anchor": "end" }, short);
      nameEl.appendChild(svg("title", {}, r.name && r.name.type === "uri" ? caption + " (" + r.name.value + ")" : caption));
      var href = linkTo(r.name);
      if (href) {
        var a = svg("a", { href: href });
        if (L10n() && L10n().localHref(r.name.value) === null) {
          a.setAttribute("target", "_blank");
          a.setAttribute("rel", "noopener noreferrer");
        }
        a.appendChild(nameEl);
        chart.appendChild(a);
      } else {
        chart.appendChild(nameEl);
      }
      var rect = svg("rect", { "class": "ck-bar", x: x0, y: y + 3, width: Math.max(w, 0.5), height: rowH - 6,
        "data-row": r.row, "data-value": r.value });
      rect.appendChild(svg("title", {}, caption + ": " + r.value));
      chart.appendChild(rect);
      chart.appendChild(svg("text", { "class": "ck-axis", x: x0 + Math.max(w, 0.5) + 4, y: y + 15 }, String(r.value)));
    });
    figure.appendChild(chart);
    status.textContent = shown.length + " bars of ?" + name + (by ? " by ?" + by.name : "") +
      (rows.length > shown.length ? "; the first " + MAX_BARS + " of " + rows.length + " rows" : "") +
      (skipped ? "; " + skipped + " rows without a number" : "") + ".";
  }

  // --- Map ---------------------------------------------------------------------------
  // ?lat, ?latitude, ?place_lat, ?placeLat ...; ?lon, ?long, ?lng, ?longitude likewise.
  function isLat(name) {
    return /^(lat|latitude)$/i.test(name) || /[_-](lat|latitude)$/i.test(name) ||
      /[a-z0-9](Lat|Latitude)$/.test(name);
  }
  function isLon(name) {
    return /^(lon|long|lng|longitude)$/i.test(name) || /[_-](lon|long|lng|longitude)$/i.test(name) ||
      /[a-z0-9](Lon|Long|Lng|Longitude)$/.test(name);
  }

  function number(term) {
    if (!term || term.type === "uri" || term.type === "bnode") { return null; }
    var dt = term.datatype || "";
    if (dt && NUMBERS.indexOf(dt) < 0) { return null; }
    if (!/^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(term.value)) { return null; }
    return parseFloat(term.value);
  }

  function inRange(lat, lon) {
    return lat !== null && lon !== null && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }

  // The result's points: [{lat, lon, row, cells: [[var, term]...]}], and rows left out.
  function points(results) {
    var vars = results.getVariables() || [], rows = results.getBindings() || [];
    var lat = vars.filter(isLat)[0], lon = vars.filter(isLon)[0];
    var out = [], missing = 0;
    if (lat && lon) {
      rows.forEach(function (row, i) {
        var y = number(row[lat]), x = number(row[lon]);
        if (!inRange(y, x)) { missing += 1; return; }
        out.push({ lat: y, lon: x, row: i, cells: vars.filter(function (v) {
          return v !== lat && v !== lon && row[v];
        }).map(function (v) { return [v, row[v]]; }) });
      });
      return { points: out, missing: missing, how: "?" + lat + ", ?" + lon };
    }
    // rows of ck:latitude / ck:longitude values: ?s ?p ?o, a point per subject
    var onto = (window.conflictKgLabels && window.conflictKgLabels.ontology) || "";
    var LATP = onto + "#latitude", LONP = onto + "#longitude";
    var pred = vars.filter(function (v) {
      return rows.some(function (r) { return r[v] && r[v].type === "uri" && (r[v].value === LATP || r[v].value === LONP); });
    })[0];
    if (!pred) { return { points: [], missing: 0, how: null }; }
    var value = vars.filter(function (v) {
      return v !== pred && rows.some(function (r) { return r[pred] && (r[pred].value === LATP || r[pred].value === LONP) && number(r[v]) !== null; });
    })[0];
    var subject = vars.filter(function (v) {
      return v !== pred && v !== value && rows.some(function (r) { return r[v] && r[v].type === "uri"; });
    })[0];
    if (!value) { return { points: [], missing: 0, how: null }; }
    var groups = new Map();
    rows.forEach(function (row, i) {
      var p = row[pred];
      if (!p || (p.value !== LATP && p.value !== LONP)) { return; }
      var key = subject && row[subject] ? row[subject].value : "";
      if (!groups.has(key)) { groups.set(key, { row: i, term: subject ? row[subject] : null }); }
      groups.get(key)[p.value === LATP ? "lat" : "lon"] = number(row[value]);
    });
    groups.forEach(function (g) {
      var y = g.lat === undefined ? null : g.lat, x = g.lon === undefined ? null : g.lon;
      if (!inRange(y, x)) { missing += 1; return; }
      out.push({ lat: y, lon: x, row: g.row, cells: g.term ? [[subject, g.term]] : [] });
    });
    return { points: out, missing: missing, how: "ck:latitude, ck:longitude" };
  }

  function GeoMap(yasr) {
    this.yasr = yasr;
    this.label = "Map";
    this.priority = 3;
    this.map = null;
  }

  GeoMap.prototype.canHandleResults = function () {
    return hasRows(this.yasr) && points(this.yasr.results).points.length > 0;
  };

  GeoMap.prototype.getIcon = function () {
    return icon(["M8 1a4.5 4.5 0 0 0-4.5 4.5C3.5 9 8 15 8 15s4.5-6 4.5-9.5A4.5 4.5 0 0 0 8 1zm0 6.3a1.8 1.8 0 1 1 0-3.6 1.8 1.8 0 0 1 0 3.6z"]);
  };

  GeoMap.prototype.destroy = function () {
    if (this.map) { this.map.remove(); this.map = null; }
  };

  function popup(p) {
    var box = el("div", "ck-popup");
    p.cells.forEach(function (cell) {
      var line = el("div");
      line.appendChild(el("span", "ck-var", "?" + cell[0] + " "));
      line.appendChild(cellNode(cell[1]));
      box.appendChild(line);
    });
    var at = el("div", null, p.lat + ", " + p.lon);
    box.appendChild(at);
    return box;
  }

  GeoMap.prototype.draw = function () {
    var self = this;
    this.destroy();
    var box = el("div", "ck-query-map-box");
    var status = el("p", "ck-view-status ck-map-status");
    var div = el("div", "ck-query-map");
    box.appendChild(status);
    box.appendChild(div);
    this.yasr.resultsEl.appendChild(box);
    if (typeof L === "undefined") {
      status.textContent = "The map library is missing here: run `make assets` on the server.";
      return;
    }
    var found = points(this.yasr.results);
    return labelsThen(this.yasr, function () {
      var map = L.map(div, { worldCopyJump: true, minZoom: 1, maxZoom: 12 });
      self.map = map;
      div.ckMap = map;
      map.setView([25, 20], 2);
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution("Natural Earth via world-atlas");
      var l10n = L10n();
      if (l10n && l10n.countries && window.conflictKgMap) {
        div.setAttribute("data-countries", l10n.countries);
        window.conflictKgMap.countries(map, div);
      }
      var colour = (window.conflictKgMap && window.conflictKgMap.colours.place) || "#0b5cab";
      var latlngs = [];
      var radius = found.points.length > 200 ? 4 : 7;
      found.points.forEach(function (p) {
        var marker = L.circleMarker([p.lat, p.lon], { radius: radius, color: "#ffffff", weight: 1.5,
          fillColor: colour, fillOpacity: 0.9 });
        marker.bindPopup(popup(p));
        var name = p.cells.length ? text(p.cells[0][1]) : p.lat + ", " + p.lon;
        marker.bindTooltip(el("span", null, name));
        marker.addTo(map);
        var path = marker.getElement();
        if (path) {
          path.setAttribute("data-row", String(p.row));
          path.setAttribute("data-lat", String(p.lat));
          path.setAttribute("data-lon", String(p.lon));
          path.classList.add("ck-marker");
        }
        latlngs.push([p.lat, p.lon]);
      });
      map.invalidateSize();
      if (latlngs.length === 1) {
        map.setView(latlngs[0], 6, { animate: false });
      } else if (latlngs.length > 1) {
        map.fitBounds(latlngs, { padding: [30, 30], maxZoom: 6, animate: false });
      }
      status.textContent = found.points.length + " on the map from " + found.how +
        (found.missing ? "; " + found.missing + " without coordinates in range" : "") + ".";
      div.setAttribute("data-markers", String(found.points.length));
    });
  };

  Yasr.registerPlugin("chart", Chart);
  Yasr.registerPlugin("geo", GeoMap);
  Yasr.defaults.pluginOrder = ["table", "chart", "geo", "response"];
  // Why a view is greyed out: said on its button.
  window.conflictKgViews = {
    why: { chart: "Needs a date or a number column", geo: "Needs coordinates: lat and long columns, or ck:latitude/ck:longitude values" },
    points: points, columns: columns
  };
})();
