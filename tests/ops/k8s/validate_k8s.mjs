// Validates rendered Kubernetes manifests (multi-document YAML, e.g. the output
// of `kubectl kustomize`) against the Kubernetes API schemas, offline:
//
//  1. kubernetes-models' validators (JSON Schema from the Kubernetes OpenAPI
//     spec, compiled with ajv): required fields, types, formats, enums;
//  2. strict mode, like kubeconform -strict: every object is type-checked by
//     the TypeScript compiler against the kubernetes-models interfaces, so an
//     unknown or misspelt field anywhere ("imagePullPolicyy", "readinesProbe")
//     is an error, and so is a value of the wrong type or outside an enum.
//
//   node validate_k8s.mjs rendered.yaml [more.yaml ...]
//
// Run from a directory where `npm ci` installed package.json beside it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate_k8s.mjs FILE.yaml...");
  process.exit(2);
}

const docs = [];
for (const file of files) {
  const parsed = parseAllDocuments(fs.readFileSync(file, "utf8"));
  for (const doc of parsed) {
    if (doc.errors.length) {
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      process.exit(1);
    }
    const obj = doc.toJSON();
    if (obj) docs.push({ file, obj });
  }
}

function modulePath(obj) {
  const [group, version] = obj.apiVersion.includes("/")
    ? obj.apiVersion.split("/")
    : ["", obj.apiVersion];
  return `kubernetes-models/${group ? `${group}/${version}` : version}/${obj.kind}`;
}

function describe(d) {
  return `${path.basename(d.file)}: ${d.obj.kind}/${d.obj.metadata?.name ?? "?"}`;
}

let errors = 0;

// 1. Schema validation.
for (const d of docs) {
  if (!d.obj.apiVersion || !d.obj.kind) {
    console.error(`${describe(d)}: no apiVersion or kind`);
    errors++;
    continue;
  }
  let mod;
  try {
    mod = await import(modulePath(d.obj));
  } catch (e) {
    console.error(`${describe(d)}: unknown kind ${d.obj.apiVersion} ${d.obj.kind}`);
    errors++;
    continue;
  }
  try {
    new mod[d.obj.kind](d.obj).validate();
  } catch (e) {
    console.error(`${describe(d)}: schema: ${e.message}`);
    errors++;
  }
}

// 2. Strict: the TypeScript compiler's excess-property and type checks.
const workDir = fs.mkdtempSync(path.join(here, ".strict-"));
try {
  const source = path.join(workDir, "manifests.ts");
  let text = "";
  const starts = [];
  docs.forEach((d, i) => {
    text += `import type { I${d.obj.kind} as T${i} } from "${modulePath(d.obj)}";\n`;
  });
  docs.forEach((d, i) => {
    starts.push({ line: text.split("\n").length, doc: d });
    text += `export const o${i}: T${i} = ${JSON.stringify(d.obj, null, 1)};\n`;
  });
  fs.writeFileSync(source, text);
  const program = ts.createProgram([source], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  const lines = text.split("\n");
  for (const diag of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diag.messageText, " ");
    if (!diag.file) {
      console.error(`strict: ${message}`);
      errors++;
      continue;
    }
    const { line } = diag.file.getLineAndCharacterOfPosition(diag.start);
    let owner = null;
    for (const s of starts) if (s.line - 1 <= line) owner = s;
    const where = owner ? describe(owner.doc) : path.basename(diag.file.fileName);
    console.error(`${where}: strict: ${message} (near: ${lines[line].trim()})`);
    errors++;
  }
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}

const kinds = docs.map((d) => d.obj.kind).sort().join(", ");
console.log(`${docs.length} objects from ${files.length} file(s): ${kinds}`);
if (errors) {
  console.error(`FAIL: ${errors} schema problem(s)`);
  process.exit(1);
}
console.log("OK: valid against the Kubernetes API schemas (kubernetes-models " +
  JSON.parse(fs.readFileSync(path.join(here, "node_modules/kubernetes-models/package.json"))).version +
  ", strict)");
