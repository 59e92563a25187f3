#!/usr/bin/env node
// `npm run validate`: manifest.xml against the add-in manifest schemas, offline with xmllint
// (always), then Microsoft's online validation service where the network reaches it.
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.join(__dirname, "..");
const manifest = process.argv[2] ?? path.join(root, "manifest.xml");
const offline = spawnSync(
  "xmllint",
  [
    "--noout",
    "--schema",
    path.join(root, "schemas/manifest/OfficeAppManifestV1_1.xsd"),
    manifest,
  ],
  { encoding: "utf8" },
);
if (offline.error) {
  console.error("xmllint is missing: sudo apt-get install -y libxml2-utils");
  process.exit(1);
}
process.stderr.write(offline.stderr);
if (offline.status !== 0) process.exit(1);

const bin = path.join(root, "node_modules", "office-addin-manifest", "cli.js");
const online = spawnSync(process.execPath, [bin, "validate", manifest], {
  encoding: "utf8",
  timeout: 60_000,
});
const said = `${online.stdout ?? ""}${online.stderr ?? ""}`;
if (
  /Unable to contact|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|getaddrinfo/.test(
    said,
  ) ||
  online.error
) {
  console.log(
    "Online validation skipped: Microsoft's manifest validation service cannot be reached from here. The offline schema check passed.",
  );
  process.exit(0);
}
process.stdout.write(said);
process.exit(online.status ?? 1);
