// Draw every chart of the page from the figure it carries (data-figure), on the first load and
// after each instant navigation: Material's document$ emits for both. The figure is a data
// attribute, not a <script> element, because instant navigation re-executes script elements.
document$.subscribe(function () {
  document.querySelectorAll(".plansite-chart[data-figure]").forEach(function (element) {
    var figure = JSON.parse(element.getAttribute("data-figure"));
    Plotly.newPlot(element, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
      displayModeBar: false,
    }).then(function () {
      element.setAttribute("data-rendered", "true");
    });
  });
});
