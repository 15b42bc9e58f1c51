// The few things htmx does not do: upload progress, drag-and-drop, copy buttons, marking edited fields.
// No inline scripts anywhere (the Content-Security-Policy forbids them), so everything hangs off data attributes.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload-form");
  const input = document.getElementById("photo");
  const progress = document.getElementById("upload-progress");

  if (form && input) {
    const zone = form.querySelector("[data-drop-zone]");
    const chosen = form.querySelector("[data-chosen]");
    const showName = () => {
      if (chosen) chosen.textContent = input.files && input.files.length ? input.files[0].name : "";
    };
    input.addEventListener("change", () => {
      showName();
      if (input.files && input.files.length) form.requestSubmit();
    });
    if (zone) {
      ["dragenter", "dragover"].forEach((type) =>
        zone.addEventListener(type, (event) => {
          event.preventDefault();
          zone.classList.add("dragging");
        }),
      );
      ["dragleave", "drop"].forEach((type) =>
        zone.addEventListener(type, () => zone.classList.remove("dragging")),
      );
      zone.addEventListener("drop", (event) => {
        event.preventDefault();
        if (!event.dataTransfer || !event.dataTransfer.files.length) return;
        input.files = event.dataTransfer.files;
        showName();
        form.requestSubmit();
      });
    }
    if (progress) {
      form.addEventListener("htmx:xhr:progress", (event) => {
        const { loaded, total } = event.detail;
        if (total) progress.value = Math.round((loaded / total) * 100);
      });
      form.addEventListener("htmx:beforeRequest", () => {
        progress.value = 0;
      });
    }
  }

  document.body.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
    if (!button) return;
    const field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      field.select();
      document.execCommand("copy");
    }
    button.textContent = "✓";
    setTimeout(() => {
      button.textContent = label;
    }, 1200);
  });

  document.body.addEventListener("input", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
    const box = field.closest(".field");
    const mark = box && box.querySelector(".edited");
    if (mark) mark.hidden = field.value === field.getAttribute("data-original");
  });
});
