// The help page in the reader's language first: English readers (browser or Office in English)
// get the English section on top; everyone else the Swedish one, as the page is written.

import { languageOf } from "../i18n/text";

const english =
  languageOf(navigator.language) === "en" || location.hash === "#en";
if (english) {
  const sv = document.getElementById("sv");
  const en = document.getElementById("en");
  if (sv && en) {
    sv.before(en);
    document.documentElement.lang = "en";
  }
}
