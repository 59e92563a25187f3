// The ribbon commands' dialog: a report, or a question with Skriv/Avbryt. The text comes in the URL
// and is shown as text only; the answer goes back with messageParent once Office is ready (a
// message sent before Office.onReady is lost).

import { noticeButtons } from "./notice-text";

export {};

const params = new URLSearchParams(location.search);
document.getElementById("title")!.textContent = params.get("title") ?? "";
document.getElementById("text")!.textContent = params.get("text") ?? "";
const lang = (params.get("lang") ?? navigator.language ?? "sv").startsWith("en")
  ? "en"
  : "sv";
document.documentElement.lang = lang;
const asking = params.get("ask") === "1";
const labels = noticeButtons(lang, asking);
const ok = document.getElementById("ok") as HTMLButtonElement;
const close = document.getElementById("close") as HTMLButtonElement;
close.textContent = labels.close;
if (labels.ok) {
  ok.textContent = labels.ok;
  ok.hidden = false;
}

function answer(message: "ok" | "close"): void {
  if (typeof Office === "undefined") {
    window.close();
    return;
  }
  void Office.onReady().then(() => Office.context.ui.messageParent(message));
}
ok.addEventListener("click", () => answer("ok"));
close.addEventListener("click", () => answer("close"));
(asking ? ok : close).focus();
