/* TuanWu: the organization picker (type, pick from the list the server sends, or clear). */
document.addEventListener("click", function (event) {
  const option = event.target.closest(".tw-picker-list [data-id]");
  const pickers = document.querySelectorAll("[data-picker]");
  pickers.forEach(function (picker) {
    const list = picker.querySelector(".tw-picker-list");
    if (option && picker.contains(option)) {
      picker.querySelector("[data-picker-value]").value = option.dataset.id;
      picker.querySelector("[data-picker-text]").value = option.dataset.label;
      list.innerHTML = "";
    } else if (!picker.contains(event.target)) {
      list.innerHTML = "";
    }
  });
});
document.addEventListener("input", function (event) {
  if (event.target.matches("[data-picker-text]") && event.target.value === "") {
    event.target.closest("[data-picker]").querySelector("[data-picker-value]").value = "";
  }
});
/* Forms marked data-confirm ask before an action that cannot be undone (certify, cancel, issue). */
document.addEventListener("submit", function (event) {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
/* Fields marked data-autosubmit submit their form when changed (the page size picker). */
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-autosubmit]")) {
    event.target.form.submit();
  }
});
/* The menu's to-do counts, fetched after the page has loaded so that no page waits for them. */
document.addEventListener("DOMContentLoaded", function () {
  const nav = document.querySelector("[data-todo-counts]");
  if (!nav || !window.fetch) {
    return;
  }
  fetch(nav.dataset.todoCounts, {credentials: "same-origin", headers: {Accept: "application/json"}})
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (counts) {
      nav.querySelectorAll("[data-todo]").forEach(function (badge) {
        const n = counts[badge.dataset.todo];
        if (n) {
          badge.textContent = n > 99 ? "99+" : String(n);
          badge.classList.remove("d-none");
        }
      });
    })
    .catch(function () {});
});
/* Batch selection: row boxes belong to a form (form="ID"); the header box data-batch-all="ID" ticks them all, and
   the form's [data-batch-count] shows how many are ticked; its buttons stay disabled while none is. */
function twBatchRefresh(formId) {
  const boxes = document.querySelectorAll('input[type=checkbox][form="' + formId + '"]');
  const ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
  const form = document.getElementById(formId);
  if (!form) {
    return;
  }
  form.querySelectorAll("[data-batch-count]").forEach(function (el) { el.textContent = String(ticked); });
  form.querySelectorAll("button").forEach(function (b) { b.disabled = ticked === 0; });
  document.querySelectorAll('[data-batch-all="' + formId + '"]').forEach(function (all) {
    all.checked = ticked > 0 && ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  });
}
document.addEventListener("change", function (event) {
  const all = event.target.closest("[data-batch-all]");
  if (all) {
    document.querySelectorAll('input[type=checkbox][form="' + all.dataset.batchAll + '"]').forEach(function (b) {
      b.checked = all.checked;
    });
    twBatchRefresh(all.dataset.batchAll);
  } else if (event.target.matches("input[type=checkbox][form]")) {
    twBatchRefresh(event.target.getAttribute("form"));
  }
});
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-batch]").forEach(function (form) { twBatchRefresh(form.id); });
});
