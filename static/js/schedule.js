/*
 * Schedule pages, progressive enhancement (the pages work without it):
 * 1. A run's progress page polls the run's JSON status once a second, updates the bar,
 *    the figures and the goals in order (each against its proven bound), and reloads the page when the run has finished (without JS a <noscript>
 *    meta refresh does the same every two seconds).
 * 2. [data-print] buttons (hidden without JS) open the print dialog.
 * 3. <input data-filter-rows="selector">: hides the rows that do not contain the typed text
 *    (the by-participant grid at 120+ people); the form is hidden without JS by [hidden].
 */
(function () {
  "use strict";

  var POLL_MS = 1000;

  function setText(id, value) {
    var element = document.getElementById(id);
    if (element) {
      element.textContent = value === null || value === undefined ? "—" : String(value);
    }
  }

  // Rebuilds the goal rows (a table the server rendered the same way) from the status.
  function showGoals(goals) {
    var body = document.getElementById("run-goal-rows");
    if (!body || goals.length === 0) {
      return;
    }
    var rows = goals.map(function (goal, index) {
      var row = document.createElement("tr");
      var name = document.createElement("th");
      name.scope = "row";
      name.textContent = index + 1 + ". " + goal.label + " ";
      var note = document.createElement("span");
      note.className = "muted small";
      note.textContent = window.matchmaker.text("bound", { label: goal.bound_label });
      if (goal.at_bound) {
        var badge = document.createElement("span");
        badge.className = "badge badge--success";
        badge.textContent = window.matchmaker.text("at_bound");
        note.append(" · ", badge);
      }
      name.appendChild(note);
      var value = document.createElement("td");
      value.className = "num";
      value.textContent = goal.value === null ? "—" : String(goal.value);
      var bound = document.createElement("td");
      bound.className = "num";
      bound.textContent = goal.bound === null ? "—" : String(goal.bound);
      [name, value, bound].forEach(function (cell) {
        row.appendChild(cell);
      });
      return row;
    });
    body.replaceChildren.apply(body, rows);
  }

  function follow(run) {
    var url = run.getAttribute("data-status-url");
    var progress = document.getElementById("run-progress");

    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("status " + response.status);
          }
          return response.json();
        })
        .then(function (status) {
          if (progress) {
            progress.value = status.progress;
            progress.textContent = Math.round(status.progress * 100) + "%";
          }
          var badge = document.querySelector("#run-status .badge");
          if (badge) {
            badge.textContent = status.status_label || status.status;
          }
          setText("run-phase", status.phase_label);
          setText("run-weight", status.best_weight);
          setText("run-bound", status.bound);
          setText("run-elapsed", Number(status.elapsed_s).toFixed(1));
          showGoals(status.goals || []);
          if (status.active) {
            window.setTimeout(poll, POLL_MS);
          } else {
            window.location.replace(status.url);
          }
        })
        .catch(function () {
          window.setTimeout(poll, POLL_MS * 3);
        });
    }

    window.setTimeout(poll, POLL_MS);
  }

  var run = document.getElementById("run");
  if (run && run.getAttribute("data-active") === "true" && window.fetch) {
    follow(run);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-filter-rows]"), function (input) {
    var rows = document.querySelectorAll(input.getAttribute("data-filter-rows"));
    var form = input.form;
    if (form) {
      form.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
    }
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(rows, function (row) {
        var header = row.querySelector("th");
        var text = (header ? header.textContent : "").toLowerCase();
        row.hidden = wanted !== "" && text.indexOf(wanted) === -1;
      });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
