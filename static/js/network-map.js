/* Network map: draws the graph of a network (or of all networks) with Cytoscape.js.
 *
 * The container carries the URL of its JSON data in data-network-map. Node colours are
 * read from the legend's swatches, so the colours live in one place (networks.css).
 * Without JavaScript, or if loading fails, the container stays hidden and the table on
 * the page carries the same information.
 */
(function () {
  "use strict";

  function coloursFromLegend(root) {
    var colours = {};
    root.querySelectorAll("[data-level]").forEach(function (swatch) {
      colours[swatch.getAttribute("data-level")] = getComputedStyle(swatch).backgroundColor;
    });
    return colours;
  }

  function style(colours) {
    return [
      {
        selector: "node",
        style: {
          "background-color": function (node) {
            return colours[node.data("level")] || "#555";
          },
          label: "data(label)",
          "font-family": "Fira Sans, system-ui, sans-serif",
          "font-size": 11,
          color: "#171a2b",
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-wrap": "wrap",
          "text-max-width": 120,
          "text-background-color": "#fff",
          "text-background-opacity": 0.85,
          "text-background-padding": 2,
          width: 18,
          height: 18,
        },
      },
      {
        selector: 'node[type = "network"]',
        style: { shape: "round-rectangle", width: 30, height: 30, "font-weight": "bold", "font-size": 12 },
      },
      {
        selector: "edge",
        style: { width: 1.5, "line-color": "#9aa0ae", "curve-style": "bezier" },
      },
      {
        selector: 'edge[type = "membership"]',
        style: { "line-style": "dashed", "line-color": "#b8bcc6" },
      },
      {
        selector: 'edge[type = "link"]',
        style: { width: 2.5, "line-color": "#3c4357", label: "data(label)", "font-size": 9, color: "#3c4357",
          "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.85 },
      },
      {
        selector: 'edge[kind = "referral"]',
        style: { "target-arrow-shape": "triangle", "target-arrow-color": "#3c4357" },
      },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#0b59c4" } },
    ];
  }

  function showError(container) {
    var error = container.parentElement.querySelector("[data-network-map-error]");
    if (error) error.hidden = false;
  }

  // One network: its members in a ring around it. Several: a force-directed layout.
  function layoutFor(data) {
    var networks = data.nodes.filter(function (n) { return n.data.type === "network"; });
    if (networks.length === 1) {
      return {
        name: "concentric",
        animate: false,
        padding: 40,
        minNodeSpacing: 40,
        concentric: function (node) { return node.data("type") === "network" ? 2 : 1; },
        levelWidth: function () { return 1; },
      };
    }
    return {
      name: "cose",
      animate: false,
      padding: 30,
      nodeRepulsion: function () { return 400000; },
      idealEdgeLength: function () { return 120; },
      nodeOverlap: 20,
      gravity: 0.25,
      numIter: 1500,
      randomize: false,
    };
  }

  function draw(container, data) {
    container.hidden = false;
    var layout = layoutFor(data);
    var cy = cytoscape({
      container: container,
      elements: data.nodes.concat(data.edges),
      style: style(coloursFromLegend(container.parentElement)),
      layout: { name: "null" },
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
    });
    // The same data always give the same picture: the force layout starts from a circle
    // in the order of the data (sorted by the server) instead of from one point, where
    // it would push the nodes apart at random.
    if (layout.name === "cose") cy.layout({ name: "circle", animate: false }).run();
    cy.layout(layout).run();
    cy.on("tap", "node", function (event) {
      var url = event.target.data("url");
      if (url) window.location.assign(url);
    });
  }

  function init(container) {
    if (typeof window.cytoscape !== "function" || !window.fetch) return;
    window
      .fetch(container.getAttribute("data-network-map"), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        draw(container, data);
      })
      .catch(function () {
        container.hidden = true;
        showError(container);
      });
  }

  document.querySelectorAll("[data-network-map]").forEach(init);
})();
