// Preloaded by `npm run bench` and the hostile-file tests (node -r): writes the process's peak
// resident memory, in KB, and its own CPU time (user + system, ms) to the file IOP_BUDGET_PEAK_RSS
// names when the process exits ("kb ms"), so that a whole command can be measured. On Linux it is VmHWM from /proc/self/status: getrusage's maxRSS
// survives exec, so a process started by a large parent (a jest worker, the bench) would report
// at least the parent's size at the fork.
"use strict";
const file = process.env.IOP_BUDGET_PEAK_RSS;
if (file)
  process.on("exit", () => {
    const fs = require("node:fs");
    let kb = process.resourceUsage().maxRSS;
    try {
      const m = /^VmHWM:\s+(\d+) kB/m.exec(
        fs.readFileSync("/proc/self/status", "utf8"),
      );
      if (m) kb = Number(m[1]);
    } catch {
      // No /proc: getrusage's figure.
    }
    const cpu = process.cpuUsage();
    fs.writeFileSync(
      file,
      `${kb} ${Math.round((cpu.user + cpu.system) / 1000)}`,
    );
  });
