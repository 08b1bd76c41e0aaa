/* The event day: live counts on the desk, camera scanning of check-in codes where the
 * browser has the BarcodeDetector API (typed codes otherwise), the board's clock. */
(function () {
  "use strict";

  var POLL_MS = 10000;
  var SCAN_MS = 300;

  function pollCounts(element) {
    var url = element.getAttribute("data-counts");
    var arrived = element.querySelector("[data-arrived]");
    var expected = element.querySelector("[data-expected]");
    window.setInterval(function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (figures) {
          if (!figures) { return; }
          arrived.textContent = figures.arrived;
          expected.textContent = figures.expected;
        })
        .catch(function () { /* offline for a moment: try again at the next tick */ });
    }, POLL_MS);
  }

  function setUpScanner(scanner) {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
    var form = document.querySelector("[data-check-in-form]");
    var input = form.querySelector("input[name=code]");
    var video = scanner.querySelector("[data-scan-video]");
    var status = scanner.querySelector("[data-scan-status]");
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    scanner.hidden = false;
    scanner.querySelector("[data-scan-start]").addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (stream) {
          video.srcObject = stream;
          video.hidden = false;
          video.play();
          status.textContent = window.matchmaker.text("camera_hint");
          var timer = window.setInterval(function () {
            detector.detect(video).then(function (codes) {
              if (!codes.length) { return; }
              window.clearInterval(timer);
              stream.getTracks().forEach(function (track) { track.stop(); });
              input.value = codes[0].rawValue;
              form.submit();
            }).catch(function () { /* the frame was not ready */ });
          }, SCAN_MS);
        })
        .catch(function () {
          status.textContent = window.matchmaker.text("camera_unavailable");
        });
    });
  }

  // Ticks from the server's time, not the screen's (a venue PC's clock may be wrong).
  function runClock(clock) {
    var format = new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit", minute: "2-digit", timeZone: clock.getAttribute("data-zone")
    });
    var offset = Date.parse(clock.getAttribute("data-now")) - Date.now();
    function tick() { clock.textContent = format.format(new Date(Date.now() + offset)); }
    tick();
    window.setInterval(tick, 1000);
  }

  document.querySelectorAll("[data-counts]").forEach(pollCounts);
  document.querySelectorAll("[data-scanner]").forEach(setUpScanner);
  document.querySelectorAll("[data-clock]").forEach(runClock);
})();
