// Charts. Every indicator page carries its chart as a static SVG, drawn at build time from the same
// numbers (src/plansite/chart.py), so no script runs while the page loads. A reader who wants to read
// values off the chart or zoom presses 「グラフを操作する」: plotly.js is loaded then, once per visit,
// and draws the figure the chart carries (data-figure: an attribute, not a <script> element, which
// instant navigation would re-execute). The choice holds for the rest of the visit (this tab): later
// pages, reached by instant navigation or reloaded, draw their charts with plotly.js at once.
(function () {
  var PLOTLY = new URL("plotly-basic-4.1.1.min.js", document.currentScript.src).href
  var CHOICE = "plansite-interactive-charts"
  var loading = null

  function chosen() {
    try { return sessionStorage.getItem(CHOICE) === "1" } catch (error) { return false }
  }

  function choose(interactive) {
    try {
      if (interactive) sessionStorage.setItem(CHOICE, "1")
      else sessionStorage.removeItem(CHOICE)
    } catch (error) { /* storage refused (private mode): the choice lasts for this page only */ }
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly)
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script")
        script.src = PLOTLY
        script.onload = function () { resolve(window.Plotly) }
        script.onerror = function () {
          loading = null
          script.remove()
          reject(new Error("plotly.js could not be loaded"))
        }
        document.head.appendChild(script)
      })
    }
    return loading
  }

  function setUp(box) {
    var chart = box.querySelector(".plansite-chart")
    var control = box.querySelector(".plansite-chart-control")
    var button = control.querySelector("button")
    var status = control.querySelector(".plansite-chart-status")
    var drawing = Array.prototype.slice.call(chart.childNodes)
    var busy = false

    function interactive() {
      busy = true
      status.textContent = "読み込んでいます…"
      return loadPlotly().then(function (Plotly) {
        var figure = JSON.parse(chart.getAttribute("data-figure"))
        chart.replaceChildren()
        return Plotly.newPlot(chart, figure.data, figure.layout, {
          responsive: true,
          displaylogo: false,
          displayModeBar: false,
        })
      }).then(function () {
        chart.setAttribute("data-interactive", "true")
        button.setAttribute("aria-pressed", "true")
        status.textContent = ""
      }, function () {
        if (window.Plotly) window.Plotly.purge(chart)
        chart.replaceChildren.apply(chart, drawing)
        choose(false)  // the next pages show the static chart, not the same error
        status.textContent = "読み込めませんでした。通信の状態を確かめて、もう一度押してください。"
      }).then(function () { busy = false })
    }

    function still() {
      window.Plotly.purge(chart)
      chart.replaceChildren.apply(chart, drawing)
      chart.removeAttribute("data-interactive")
      button.setAttribute("aria-pressed", "false")
    }

    button.addEventListener("click", function () {
      if (busy) return
      var on = button.getAttribute("aria-pressed") !== "true"
      choose(on)
      if (on) interactive()
      else still()
    })
    control.hidden = false
    if (chosen()) interactive()
  }

  document$.subscribe(function () {
    document.querySelectorAll(".plansite-chart-box").forEach(setUp)
  })
})()
