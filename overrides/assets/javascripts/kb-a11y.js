// Material's search box is a dialog without an accessible name (axe: aria-dialog-name).
// Name it after its own search field, whose label is already in the page's language.
document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach((dialog) => {
  const field = dialog.querySelector("input[aria-label]");
  if (field) dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
});
