// The ribbon commands' report dialog: the text comes in the URL and is shown as text only.

export {};

const params = new URLSearchParams(location.search);
const title = document.getElementById("title")!;
const text = document.getElementById("text")!;
title.textContent = params.get("title") ?? "";
text.textContent = params.get("text") ?? "";
document.documentElement.lang = (navigator.language || "sv").startsWith("en")
  ? "en"
  : "sv";
const closeButton = document.getElementById("close") as HTMLButtonElement;
closeButton.textContent =
  document.documentElement.lang === "en" ? "Close" : "Stäng";
closeButton.addEventListener("click", () => {
  if (typeof Office !== "undefined") Office.context.ui.messageParent("close");
  else window.close();
});
closeButton.focus();
