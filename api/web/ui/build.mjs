// Builds the newsroom web UI into dist/ without the network (docs/ui.md).
//
// Run by `make ui` after `npm ci` has installed the pinned libraries from
// package-lock.json. It copies the UI's own files and the ES module build of each
// library into dist/, and writes a gzip twin of every text file so the server can send
// fewer bytes. Nothing is fetched and nothing third-party is kept in the repository.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync,
  writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

// The UI's own files, then the libraries: [file in node_modules, name in dist/vendor].
const OWN = ["index.html", "styles.css", "app.js", "modules"];
const VENDOR = [
  ["cytoscape/dist/cytoscape.esm.min.mjs", "cytoscape.esm.min.mjs"],
  ["cytoscape/LICENSE", "cytoscape.LICENSE.txt"],
];

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "vendor"), { recursive: true });
for (const name of OWN) {
  cpSync(join(here, name), join(dist, name), { recursive: true });
}
for (const [from, to] of VENDOR) {
  const source = join(here, "node_modules", from);
  if (!existsSync(source)) {
    console.error(`missing ${source}: run 'npm ci' in api/web/ui first (make ui does).`);
    process.exit(1);
  }
  cpSync(source, join(dist, "vendor", to));
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const manifest = {};
for (const path of [...files(dist)]) {
  const body = readFileSync(path);
  const name = relative(dist, path).split("\\").join("/");
  manifest[name] = { bytes: body.length,
    sha256: createHash("sha256").update(body).digest("hex") };
  if (/\.(html|css|js|mjs|txt)$/.test(path)) {
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  }
}
const lock = JSON.parse(readFileSync(join(here, "package-lock.json"), "utf8"));
const versions = Object.fromEntries(Object.entries(lock.packages)
  .filter(([key]) => key.startsWith("node_modules/"))
  .map(([key, value]) => [key.slice("node_modules/".length), value.version]));
writeFileSync(join(dist, "build.json"),
  JSON.stringify({ libraries: versions, files: manifest }, null, 2));
console.log(`built ${Object.keys(manifest).length} files into ${relative(process.cwd(), dist) || "."}`
  + ` (libraries: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(", ")})`);
