// arinbox pages: keyboard shortcuts and the draft editor. No dependencies.
"use strict";

(function () {
  const page = document.body.dataset.page;
  const help = document.getElementById("help");

  function typing(target) {
    const tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" ||
      (target && target.isContentEditable);
  }
  function toggleHelp(show) {
    if (!help) return;
    help.hidden = show === undefined ? !help.hidden : !show;
  }
  document.querySelectorAll("[data-help]").forEach((b) => b.addEventListener("click", () => toggleHelp(true)));
  document.querySelectorAll("[data-help-close]").forEach((b) => b.addEventListener("click", () => toggleHelp(false)));

  // Queue: rows open on click; j/k move the selection, Enter/o opens it.
  let rows = [];
  let selected = -1;
  function select(i) {
    if (!rows.length) return;
    selected = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach((r, n) => r.classList.toggle("selected", n === selected));
    rows[selected].scrollIntoView({ block: "nearest" });
  }
  if (page === "queue") {
    rows = Array.from(document.querySelectorAll("#queue tbody tr[data-href]"));
    rows.forEach((row) => row.addEventListener("click", (ev) => {
      if (ev.target.tagName !== "A" && ev.target.tagName !== "INPUT") window.location.assign(row.dataset.href);
    }));
    document.querySelectorAll("#filters select").forEach((s) =>
      s.addEventListener("change", () => s.form.submit()));
  }

  // Case: the editor.
  const body = document.getElementById("draft-body");
  const saveBtn = document.getElementById("save-btn");
  function edit() {
    if (!body) return;
    body.readOnly = false;
    if (saveBtn) saveBtn.hidden = false;
    body.focus();
  }
  const editBtn = document.getElementById("edit-btn");
  if (editBtn) editBtn.addEventListener("click", edit);

  const nav = document.querySelector(".casenav");
  function go(url) { if (url) window.location.assign(url); }

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "Escape") {
      toggleHelp(false);
      if (document.activeElement && typing(document.activeElement)) document.activeElement.blur();
      return;
    }
    if (typing(ev.target)) return;
    if (ev.key === "?") { toggleHelp(); ev.preventDefault(); return; }
    if (page === "queue") {
      if (ev.key === "/") { document.getElementById("search").focus(); ev.preventDefault(); return; }
      if (ev.key === "x" && selected >= 0) {
        const tick = rows[selected].querySelector("input[type=checkbox]");
        if (tick) tick.checked = !tick.checked;
        return;
      }
      if (ev.key === "j") select(selected + 1);
      else if (ev.key === "k") select(selected - 1);
      else if ((ev.key === "Enter" || ev.key === "o") && selected >= 0) go(rows[selected].dataset.href);
      return;
    }
    if (page !== "case") return;
    if (ev.key === "j" && nav) go(nav.dataset.next);
    else if (ev.key === "k" && nav) go(nav.dataset.prev);
    else if (ev.key === "u" && nav) go(nav.dataset.queue);
    else if (ev.key === "e") { edit(); ev.preventDefault(); }
    else if (ev.key === "a") {
      const approve = document.getElementById("approve-btn");
      if (approve) approve.click();
    } else if (ev.key === "r") {
      const reason = document.getElementById("reject-reason");
      if (reason) { reason.focus(); ev.preventDefault(); }
    } else if (ev.key === "w") {
      const write = document.getElementById("write");
      if (write) { write.open = true; document.getElementById("reply-body").focus(); ev.preventDefault(); }
    } else if (ev.key === "c") {
      const close = document.getElementById("close-reason");
      if (close) { close.focus(); ev.preventDefault(); }
    }
  });
})();
