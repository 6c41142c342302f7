// Quick exit: with JavaScript on, leave without leaving this page in the history (location.replace).
// Without JavaScript the button is an ordinary link to the same neutral site.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("quick-exit");
  if (!button) { return; }
  button.addEventListener("click", function (event) {
    event.preventDefault();
    window.location.replace(button.href);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { window.location.replace(button.href); }
  });
});
