// office-addin-lint's rules (eslint-plugin-office-addins: load-object-before-read,
// call-sync-before-read, no-context-sync-in-loop, …) plus prettier; TypeScript checks names
// itself, so ESLint's no-undef (which knows nothing of Office, Excel or the DOM) is off.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
    rules: {
      "no-undef": "off",
      // Excel's own escape of control characters (_xHHHH_) needs them in a character class.
      "no-control-regex": "off",
    },
  },
];
