// Shows the chosen file's name next to the styled picker (the browser's own text is in the browser's language).
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches("input.p-file-input")) return;
  var shown = document.getElementById(input.id + "-chosen");
  if (shown && input.files && input.files.length) shown.textContent = input.files[0].name;
});
