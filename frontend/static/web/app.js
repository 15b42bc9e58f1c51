// The few things htmx does not do: upload progress, drag-and-drop, checking a file before it is sent, copy buttons,
// marking edited fields, bringing the result into view, and sharing the payment QR where the phone can.
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
    // Size and type are checked here first, so a 30 MB video or a text file is not sent only to be refused.
    const accepted = (input.getAttribute("accept") || "").split(",").map((item) => item.trim().toLowerCase());
    const fits = (file) => {
      const name = file.name.toLowerCase();
      const type = (file.type || "").toLowerCase();
      return accepted.some((item) =>
        item.startsWith(".") ? name.endsWith(item) : item.endsWith("/*") ? type.startsWith(item.slice(0, -1)) : type === item,
      );
    };
    const refuse = (message) => {
      const result = document.getElementById("result");
      if (!result) return;
      const box = document.createElement("div");
      box.className = "problem";
      box.setAttribute("role", "alert");
      box.dataset.testid = "problem";
      box.dataset.kind = "refused-here";
      const text = document.createElement("h2");
      text.textContent = message;
      const again = document.createElement("label");
      again.className = "button primary";
      again.htmlFor = "photo";
      again.textContent = form.dataset.chooseAnother || "";
      box.append(text, again);
      result.replaceChildren(box);
    };
    const checked = () => {
      const file = input.files && input.files[0];
      if (!file) return false;
      const limit = Number(form.dataset.maxBytes || 0);
      if (limit && file.size > limit) {
        refuse(form.dataset.tooLarge || "");
        return false;
      }
      if (!fits(file)) {
        refuse(form.dataset.wrongType || "");
        return false;
      }
      return true;
    };
    input.addEventListener("change", () => {
      showName();
      if (checked()) form.requestSubmit();
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
        if (checked()) form.requestSubmit();
      });
    }
    // One line says where the photo is: uploading n %, preparing (the preview), reading and checking (the module
    // API); while it is on its way nothing can start a second upload (a double tap on a slow phone).
    const stage = document.getElementById("uploading");
    const stageText = stage && stage.querySelector("[data-stage-text]");
    const camera = document.getElementById("camera");
    let busy = false;
    const setStage = (name, percent) => {
      if (!stage || !stageText) return;
      stage.dataset.stage = name;
      stage.hidden = name === "idle";
      const text = form.dataset[`stage${name.charAt(0).toUpperCase()}${name.slice(1)}`] || "";
      stageText.textContent = name === "uploading" ? `${text} ${percent || 0} %` : text;
      if (progress) {
        if (name === "uploading") progress.value = percent || 0;
        else progress.removeAttribute("value"); // indeterminate while the server works
      }
    };
    const setBusy = (value) => {
      busy = value;
      [input, camera].forEach((element) => {
        if (element) element.disabled = value;
      });
      form.classList.toggle("busy", value);
    };
    document.addEventListener(
      "submit",
      (event) => {
        if (busy && event.target === form) {
          event.preventDefault();
          event.stopImmediatePropagation(); // before htmx sees it
        }
      },
      true,
    );
    if (camera) {
      camera.addEventListener("change", () => {
        if (busy || !camera.files || !camera.files.length) return;
        const handed = new DataTransfer();
        handed.items.add(camera.files[0]);
        input.files = handed.files;
        camera.value = "";
        showName();
        if (checked()) form.requestSubmit();
      });
    }
    form.addEventListener("htmx:beforeRequest", () => {
      setStage("uploading", 0);
      setTimeout(() => setBusy(true)); // after htmx has read the form
    });
    form.addEventListener("htmx:xhr:progress", (event) => {
      const { loaded, total } = event.detail;
      if (!total) return;
      if (loaded >= total) setStage("preprocessing");
      else setStage("uploading", Math.round((loaded / total) * 100));
    });
    form.addEventListener("htmx:afterRequest", () => {
      if (!document.querySelector('#result [data-testid="reading"]')) {
        setStage("idle");
        setBusy(false);
      }
    });
    document.body.addEventListener("htmx:beforeRequest", (event) => {
      if (event.target instanceof Element && event.target.matches('[data-testid="reading"]')) setStage("reading");
    });
    // the reading's answer replaces the element that asked, so its end is seen where it lands (#outcome)
    const readingEnded = (event) => {
      const target = event.detail && event.detail.target;
      const asked = event.target instanceof Element && event.target.matches('[data-testid="reading"]');
      if (asked || (target instanceof Element && target.id === "outcome")) {
        setStage("idle");
        setBusy(false);
      }
    };
    document.body.addEventListener("htmx:afterSwap", readingEnded);
    document.body.addEventListener("htmx:sendError", readingEnded);
  }

  // Times come from the server in UTC; the person reads them in their own time zone and language.
  const localTimes = (root) => {
    const language = document.documentElement.lang || undefined;
    root.querySelectorAll("time[data-local]").forEach((element) => {
      const when = new Date(element.getAttribute("datetime") || "");
      if (!Number.isNaN(when.getTime())) {
        const timeStyle = element.hasAttribute("data-seconds") ? "medium" : "short";
        element.textContent = when.toLocaleString(language, { dateStyle: "medium", timeStyle });
      }
    });
  };
  localTimes(document);
  document.body.addEventListener("htmx:afterSettle", (event) => localTimes(event.target instanceof Element ? event.target : document));

  // After a photo is sent, or read, the page goes to what came back: on a phone it lands screens below.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail && event.detail.target;
    if (!(target instanceof Element)) return;
    if (target.id === "result") target.scrollIntoView({ block: "start" });
    if (target.id === "outcome") (document.getElementById("summary") || target).scrollIntoView({ block: "start" });
  });

  // The payment QR as a PNG to the phone's share sheet (a messenger, the banking app); hidden where files cannot be
  // shared (most desktop browsers), where the download button does the job.
  const canShareFiles = () => {
    try {
      return Boolean(navigator.canShare && navigator.canShare({ files: [new File([""], "qr.png", { type: "image/png" })] }));
    } catch {
      return false;
    }
  };
  const showShare = () => {
    const able = canShareFiles();
    document.querySelectorAll("[data-share-qr]").forEach((button) => {
      button.hidden = !able;
    });
  };
  showShare();
  document.body.addEventListener("htmx:afterSettle", showShare);
  document.body.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-share-qr]") : null;
    const details = document.getElementById("details");
    if (!button || !(details instanceof HTMLFormElement)) return;
    const response = await fetch(button.getAttribute("data-share-qr"), { method: "POST", body: new FormData(details) });
    if (!response.ok) return;
    const name = button.getAttribute("data-file-name") || "qr.png";
    const file = new File([await response.blob()], name, { type: "image/png" });
    try {
      await navigator.share({ files: [file], title: name });
    } catch {
      // the person closed the share sheet
    }
  });

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

  // Where a field was read: its box (fractions of the page, from the module) drawn over the photo while the field
  // is focused or pointed at; placed in % so it scales with the photo at any width. A field read on another page of
  // a PDF brings that page in (the image route draws it: ?page=).
  const showEvidence = (field) => {
    const box = document.querySelector('[data-testid="evidence-box"]');
    const photo = document.querySelector('[data-testid="evidence-photo"]');
    if (!box || !photo) return;
    const spec = field ? field.getAttribute("data-box") : null;
    const [x, y, w, h] = (spec || "").split(" ").map(Number);
    if (!spec || [x, y, w, h].some(Number.isNaN)) {
      box.hidden = true;
      return;
    }
    const page = Number(field.getAttribute("data-box-page")) || 1;
    if (Number(photo.dataset.page) !== page) {
      const image = new URL(photo.src, window.location.href);
      if (page > 1) image.searchParams.set("page", String(page));
      else image.searchParams.delete("page");
      photo.src = image.pathname + image.search;
      photo.dataset.page = String(page);
    }
    Object.assign(box.style, { left: `${x * 100}%`, top: `${y * 100}%`, width: `${w * 100}%`, height: `${h * 100}%` });
    box.dataset.field = field.getAttribute("data-field") || "";
    box.hidden = false;
  };
  const fieldOf = (element) => (element instanceof Element ? element.closest(".field[data-field]") : null);
  const focusedField = () => fieldOf(document.activeElement);
  document.body.addEventListener("focusin", (event) => {
    const field = fieldOf(event.target);
    if (field) showEvidence(field);
  });
  document.body.addEventListener("focusout", (event) => {
    if (fieldOf(event.target) && !fieldOf(event.relatedTarget)) showEvidence(null);
  });
  document.body.addEventListener("mouseover", (event) => {
    const field = fieldOf(event.target);
    if (field) showEvidence(field);
  });
  document.body.addEventListener("mouseout", (event) => {
    if (fieldOf(event.target) && !fieldOf(event.relatedTarget)) showEvidence(focusedField());
  });

  // "Take another photo": on the upload page, straight to the camera on a phone (the file chooser elsewhere);
  // from a stored result's own page, the link goes to the upload page.
  document.body.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("[data-retake]") : null;
    const camera = document.getElementById("camera");
    const photo = document.getElementById("photo");
    if (!link || !photo) return;
    event.preventDefault();
    const form = document.getElementById("upload-form");
    if (form) form.scrollIntoView({ block: "start" });
    (camera && window.matchMedia("(pointer: coarse)").matches ? camera : photo).click();
  });

  document.body.addEventListener("input", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
    const box = field.closest(".field");
    const mark = box && box.querySelector(".edited");
    if (mark) mark.hidden = field.value === field.getAttribute("data-original");
  });
});
