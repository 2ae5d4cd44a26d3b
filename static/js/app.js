// Kooperacja — the few behaviours htmx does not give. No inline scripts (Content-Security-Policy).
document.addEventListener("click", function (event) {
  // Unit picker: a suggestion was chosen.
  var choice = event.target.closest("[data-unit-pick]");
  if (!choice) return;
  var picker = choice.closest("[data-unit-picker]");
  picker.querySelector("input[type=hidden]").value = choice.dataset.unitPick;
  var search = picker.querySelector("input[type=search]");
  search.value = choice.dataset.unitLabel;
  picker.querySelector("[data-unit-chosen]").textContent = choice.dataset.unitLabel;
  picker.querySelector(".unit-picker-results").innerHTML = "";
  search.focus();
});

// Forms that change something hard to undo ask first (data-confirm holds the question).
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});
