// Client-side filter of the findings table on the checks page (text only, no HTML).
(function () {
  "use strict";
  var input = document.getElementById("filter");
  if (!input) { return; }
  input.addEventListener("input", function () {
    var needle = input.value.toLowerCase();
    document.querySelectorAll("table.findings tbody tr").forEach(function (row) {
      row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
    });
  });
})();
