// Preloaded by `npm run bench` (node -r): writes the process's peak resident memory, in KB, to the
// file IOP_BUDGET_PEAK_RSS names when the process exits, so that a whole command can be measured.
"use strict";
const file = process.env.IOP_BUDGET_PEAK_RSS;
if (file) process.on("exit", () => require("node:fs").writeFileSync(file, String(process.resourceUsage().maxRSS)));
