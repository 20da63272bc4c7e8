/* The register's map: the listed establishments as dots, the branch as a square.
   No tile server is needed (none is configured): positions are drawn on a plain
   background with a scale; the list under the map carries the same rows. */
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function start() {
    var el = document.getElementById("prospect-map");
    if (!el || typeof L === "undefined") { return; }
    var points = data(el.dataset.points) || [];
    var branch = data(el.dataset.branch);
    var map = L.map(el, { zoomControl: false, attributionControl: true });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    var colours = { "": "#1d5fbf", prospect: "#9a4a00", client: "#1e7a34" };
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.circleMarker([p.lat, p.lon], {
        radius: 6, weight: 1, color: "#ffffff", fillColor: colours[p.relation] || colours[""], fillOpacity: 0.9
      }).addTo(map);
      var label = document.createElement("span");
      label.textContent = (p.name || "nom non diffusé") + " — SIRET " + p.siret;
      marker.bindPopup(label);
      bounds.push([p.lat, p.lon]);
    });
    if (branch) {
      L.rectangle([[branch.lat - 0.002, branch.lon - 0.003], [branch.lat + 0.002, branch.lon + 0.003]],
        { color: "#222222", weight: 2, fillOpacity: 0.8 }).addTo(map).bindPopup("L'agence");
      bounds.push([branch.lat, branch.lon]);
    }
    if (bounds.length === 1) { map.setView(bounds[0], 13); } else { map.fitBounds(bounds, { padding: [20, 20] }); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
