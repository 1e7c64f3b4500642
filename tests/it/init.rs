//! `dossier init` and the GitHub workflows it writes, run here.
//!
//! The workflows are parsed with a YAML parser and their jobs run step by
//! step the way a GitHub-hosted runner runs them: each `run:` script in bash
//! with the runner's variables (`GITHUB_WORKSPACE`, `GITHUB_EVENT_PATH` with
//! the event's JSON, `GITHUB_OUTPUT`, `GITHUB_ENV`, `GITHUB_PATH`,
//! `GITHUB_STEP_SUMMARY`, `RUNNER_TEMP`, ...), `${{ }}` expressions
//! evaluated, `if:` conditions obeyed, a failed step stopping the ones that
//! do not ask to run anyway. GitHub itself is a bare git repository in a
//! temporary folder (branches, and the `refs/pull/N/merge` commit GitHub
//! makes for a pull request), and the release download is a folder holding
//! an archive packed from the test binary by the release workflow's own
//! `Package` step, with its checksum file.
//!
//! `uses:` steps have stand-ins: checkout is a fetch from the bare
//! repository as actions/checkout does it (depth 1 unless `fetch-depth: 0`),
//! the install action is run for real from this repository's `action.yml`,
//! the artifact actions copy folders, configure-pages answers an address.
//! `gh` is a stub on the PATH that keeps a fake GitHub's pull requests and
//! comments as JSON files and applies `--jq` filters with jq: the only part
//! of GitHub that is imitated rather than run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use yaml_rust2::{Yaml, YamlLoader};

use crate::common::{read, snapshot};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const REPO: &str = "octo/news-dossier";

fn dossier_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").args(args).current_dir(dir).output().expect("git runs");
    assert!(out.status.success(), "git {args:?} in {}: {}", dir.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn load_yaml(path: &Path) -> Yaml {
    YamlLoader::load_from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display())).remove(0)
}

/// A YAML scalar as the runner sees it: a string.
fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn yaml_map(y: &Yaml) -> Vec<(String, String)> {
    y.as_hash().map(|h| h.iter().map(|(k, v)| (scalar(k).unwrap(), scalar(v).unwrap_or_default())).collect()).unwrap_or_default()
}

/// The (name-or-id, step) pairs of a job.
fn steps(workflow: &Yaml, job: &str) -> Vec<Yaml> {
    workflow["jobs"][job]["steps"].as_vec().unwrap_or_else(|| panic!("no job {job}")).clone()
}

/// The host as GitHub names runners (`RUNNER_ARCH`).
fn runner_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "X64",
        "aarch64" => "ARM64",
        other => panic!("no GitHub runner for {other}"),
    }
}

/// The release target action.yml downloads for this host, as Linux.
fn host_target() -> &'static str {
    match runner_arch() {
        "X64" => "x86_64-unknown-linux-musl",
        _ => "aarch64-unknown-linux-musl",
    }
}

// ---------------------------------------------------------------------------
// Expressions: the part of GitHub's `${{ }}` language the workflows use. An
// expression outside it fails the test rather than being guessed.

fn lookup(ctx: &Value, path: &str) -> Value {
    let mut v = ctx;
    for part in path.split('.') {
        v = match v.get(part) {
            Some(next) => next,
            None => return Value::Null,
        };
    }
    v.clone()
}

fn operand(ctx: &Value, s: &str) -> Value {
    let s = s.trim();
    if let Some(lit) = s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        return Value::String(lit.into());
    }
    assert!(s.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)), "expression not understood by the test runner: {s:?}");
    lookup(ctx, s)
}

fn truthy(v: &Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false)) && v != "" && v != 0
}

fn as_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn eval(ctx: &Value, expr: &str, failed: bool) -> Value {
    let expr = expr.trim();
    if expr.contains("&&") {
        return Value::Bool(expr.split("&&").all(|e| truthy(&eval(ctx, e, failed))));
    }
    match expr {
        "!cancelled()" | "always()" => return Value::Bool(true),
        "cancelled()" => return Value::Bool(false),
        "success()" => return Value::Bool(!failed),
        "failure()" => return Value::Bool(failed),
        _ => {}
    }
    for (op, equal) in [("==", true), ("!=", false)] {
        if let Some((a, b)) = expr.split_once(op) {
            let (a, b) = (operand(ctx, a), operand(ctx, b));
            return Value::Bool((as_text(&a).to_lowercase() == as_text(&b).to_lowercase()) == equal);
        }
    }
    operand(ctx, expr)
}

/// A string with its `${{ }}` expressions replaced by their values.
fn interpolate(ctx: &Value, s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        out.push_str(&as_text(&eval(ctx, &rest[start + 3..end], false)));
        rest = &rest[end + 2..];
    }
    out + rest
}

/// Whether a step (or job) with this `if:` runs; no `if:` means `success()`.
fn condition(ctx: &Value, cond: Option<&str>, failed: bool) -> bool {
    let Some(cond) = cond else { return !failed };
    let cond = cond.trim();
    let inner = cond.strip_prefix("${{").and_then(|c| c.strip_suffix("}}")).unwrap_or(cond);
    let uses_status = ["cancelled()", "always()", "success()", "failure()"].iter().any(|f| inner.contains(f));
    truthy(&eval(ctx, inner, failed)) && (uses_status || !failed)
}

/// `name=value` lines and `name<<EOF` blocks, as in GITHUB_OUTPUT and GITHUB_ENV.
fn parse_commands_file(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut pairs = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delimiter)) = line.split_once("<<") {
            let value: Vec<&str> = lines.by_ref().take_while(|l| *l != delimiter).collect();
            pairs.push((name.to_string(), value.join("\n")));
        } else if let Some((name, value)) = line.split_once('=') {
            pairs.push((name.to_string(), value.to_string()));
        }
    }
    pairs
}

// ---------------------------------------------------------------------------
// The runner.

/// One step's record.
#[derive(Debug)]
struct StepLog {
    name: String,
    ran: bool,
    ok: bool,
    output: String,
}

#[derive(Debug)]
struct JobRun {
    steps: Vec<StepLog>,
    summary: String,
    outputs: BTreeMap<String, String>,
    /// Folders added to the PATH (GITHUB_PATH), newest first.
    path: Vec<String>,
}

impl JobRun {
    fn ok(&self) -> bool {
        self.steps.iter().all(|s| s.ok)
    }

    fn step(&self, name: &str) -> &StepLog {
        self.steps.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no step {name:?} in {:?}", self.steps.iter().map(|s| &s.name).collect::<Vec<_>>()))
    }

    fn log(&self) -> String {
        self.steps.iter().map(|s| format!("--- {} (ran: {}, ok: {})\n{}", s.name, s.ran, s.ok, s.output)).collect::<Vec<_>>().join("\n")
    }
}

/// What a job accumulates as its steps run.
struct JobState {
    ctx: Value,
    env_added: BTreeMap<String, String>,
    path_added: Vec<String>,
    summary: String,
    failed: bool,
    counter: usize,
}

/// A GitHub-hosted runner, one per job, with a fake GitHub behind it.
struct Runner {
    home: tempfile::TempDir,
    /// The bare repository actions/checkout fetches from.
    origin: PathBuf,
    /// The ref the event checks out (`refs/pull/1/merge`, `refs/heads/main`).
    checkout_ref: String,
    /// What configure-pages answers.
    pages_url: String,
    /// upload-artifact writes `<artifacts>/<name>/`.
    artifacts: PathBuf,
    /// download-artifact reads `<download_from>/<name>/` (another run's artifacts).
    download_from: Option<PathBuf>,
    github: Value,
    /// Variables of the environment the runner adds (a download base, a stub's folder).
    env: BTreeMap<String, String>,
    /// Extra folders on the PATH (stubs first).
    path: Vec<String>,
}

impl Runner {
    fn new(origin: &Path, event_name: &str, event: Value, checkout_ref: &str) -> Runner {
        let home = tempfile::tempdir().unwrap();
        for dir in ["work", "temp", "artifacts", "home"] {
            std::fs::create_dir_all(home.path().join(dir)).unwrap();
        }
        let event_path = home.path().join("event.json");
        std::fs::write(&event_path, serde_json::to_string_pretty(&event).unwrap()).unwrap();
        let pr = &event["pull_request"];
        let github = json!({
            "event_name": event_name,
            "event": event,
            "repository": REPO,
            "repository_owner": REPO.split('/').next().unwrap(),
            "base_ref": pr["base"]["ref"].as_str().unwrap_or(""),
            "head_ref": pr["head"]["ref"].as_str().unwrap_or(""),
            "ref": checkout_ref,
            "ref_name": checkout_ref.trim_start_matches("refs/heads/").trim_start_matches("refs/pull/"),
            "run_id": "4242",
            "server_url": "https://github.com",
            "api_url": "https://api.github.com",
            "token": "ghs_fake_token_for_the_test",
            "workspace": home.path().join("work").to_string_lossy(),
            "event_path": event_path.to_string_lossy(),
        });
        let artifacts = home.path().join("artifacts");
        Runner {
            home,
            origin: origin.to_path_buf(),
            checkout_ref: checkout_ref.into(),
            pages_url: format!("https://{}.github.io/{}", REPO.split('/').next().unwrap(), REPO.split('/').nth(1).unwrap()),
            artifacts,
            download_from: None,
            github,
            env: BTreeMap::new(),
            path: Vec::new(),
        }
    }

    fn workspace(&self) -> PathBuf {
        self.home.path().join("work")
    }

    fn temp(&self) -> PathBuf {
        self.home.path().join("temp")
    }

    /// The variables every step sees.
    fn base_env(&self, job: &str) -> BTreeMap<String, String> {
        let g = |k: &str| as_text(&self.github[k]);
        let mut env: BTreeMap<String, String> = [
            ("CI", "true".to_string()),
            ("GITHUB_ACTIONS", "true".into()),
            ("GITHUB_JOB", job.into()),
            ("GITHUB_EVENT_NAME", g("event_name")),
            ("GITHUB_EVENT_PATH", g("event_path")),
            ("GITHUB_REPOSITORY", g("repository")),
            ("GITHUB_REPOSITORY_OWNER", g("repository_owner")),
            ("GITHUB_BASE_REF", g("base_ref")),
            ("GITHUB_HEAD_REF", g("head_ref")),
            ("GITHUB_REF", g("ref")),
            ("GITHUB_REF_NAME", g("ref_name")),
            ("GITHUB_RUN_ID", g("run_id")),
            ("GITHUB_SERVER_URL", g("server_url")),
            ("GITHUB_API_URL", g("api_url")),
            ("GITHUB_WORKSPACE", g("workspace")),
            ("RUNNER_OS", "Linux".into()),
            ("RUNNER_ARCH", runner_arch().into()),
            ("RUNNER_TEMP", self.temp().to_string_lossy().into()),
            ("HOME", self.home.path().join("home").to_string_lossy().into()),
            ("LANG", "C.UTF-8".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        env.extend(self.env.clone());
        env
    }

    fn context(&self, workflow: &Yaml, job: &str, needs: Value, matrix: Value) -> Value {
        let mut env: serde_json::Map<String, Value> = serde_json::Map::new();
        let mut ctx = json!({
            "github": self.github, "needs": needs, "matrix": matrix, "steps": {}, "inputs": {}, "env": {},
            "runner": { "os": "Linux", "arch": runner_arch(), "temp": self.temp().to_string_lossy() },
        });
        // Workflow env, then job env (each may use the contexts above).
        for scope in [&workflow["env"], &workflow["jobs"][job]["env"]] {
            for (k, v) in yaml_map(scope) {
                let value = interpolate(&ctx, &v);
                env.insert(k, Value::String(value));
                ctx["env"] = Value::Object(env.clone());
            }
        }
        ctx
    }

    /// Run a job of `workflow`; `only`: just the steps of these names.
    fn run_job(&self, workflow: &Yaml, job: &str, needs: Value, matrix: Value, only: Option<&[&str]>) -> JobRun {
        let spec = &workflow["jobs"][job];
        assert!(!spec.is_badvalue(), "no job {job}");
        let ctx = self.context(workflow, job, needs, matrix);
        assert!(condition(&ctx, spec["if"].as_str(), false), "job {job} does not run for this event");
        let default_shell = spec["defaults"]["run"]["shell"].as_str().or(workflow["defaults"]["run"]["shell"].as_str()).map(str::to_string);
        let mut state = JobState { ctx, env_added: BTreeMap::new(), path_added: Vec::new(), summary: String::new(), failed: false, counter: 0 };
        let mut logs = Vec::new();
        for step in steps(workflow, job) {
            let name = step["name"].as_str().or(step["uses"].as_str()).or(step["run"].as_str()).unwrap().to_string();
            if only.is_some_and(|only| !only.contains(&name.as_str())) {
                continue;
            }
            if !condition(&state.ctx, step["if"].as_str(), state.failed) {
                logs.push(StepLog { name, ran: false, ok: true, output: String::new() });
                continue;
            }
            let (ok, outputs, output) = self.run_step(&step, &mut state, job, default_shell.as_deref(), None);
            if let Some(id) = step["id"].as_str() {
                state.ctx["steps"][id] = json!({ "outputs": outputs, "outcome": if ok { "success" } else { "failure" } });
            }
            state.failed |= !ok;
            logs.push(StepLog { name, ran: true, ok, output });
        }
        let outputs = yaml_map(&spec["outputs"]).into_iter().map(|(k, v)| (k, interpolate(&state.ctx, &v))).collect();
        let mut path = state.path_added.clone();
        path.reverse();
        JobRun { steps: logs, summary: state.summary, outputs, path }
    }

    /// One step: a script, or a stand-in for an action. `action_dir`: the
    /// step is part of the composite action in that folder.
    fn run_step(
        &self,
        step: &Yaml,
        state: &mut JobState,
        job: &str,
        default_shell: Option<&str>,
        action_dir: Option<&Path>,
    ) -> (bool, BTreeMap<String, String>, String) {
        let step_env: Vec<(String, String)> = yaml_map(&step["env"]).into_iter().map(|(k, v)| (k, interpolate(&state.ctx, &v))).collect();
        if let Some(uses) = step["uses"].as_str() {
            let with: BTreeMap<String, String> = yaml_map(&step["with"]).into_iter().map(|(k, v)| (k, interpolate(&state.ctx, &v))).collect();
            return self.stand_in(uses, &with, state, job);
        }
        let script = step["run"].as_str().expect("a step has run: or uses:");
        // Expressions inside a script are a script-injection hole (a branch
        // name or a title would become shell code); values go through env:.
        assert!(!script.contains("${{"), "an expression inside a run: script (pass it through env: instead):\n{script}");
        let shell = step["shell"].as_str().or(default_shell);
        assert!(action_dir.is_none() || shell.is_some(), "a composite action's run: step needs a shell");
        state.counter += 1;
        let files = self.temp().join(format!("_runner_files/{}", state.counter));
        std::fs::create_dir_all(&files).unwrap();
        let script_path = files.join("script.sh");
        std::fs::write(&script_path, script).unwrap();
        let mut command = match shell {
            // GitHub's templates for these shells.
            Some("bash") => {
                let mut c = Command::new("bash");
                c.args(["--noprofile", "--norc", "-eo", "pipefail"]);
                c
            }
            Some("sh") => {
                let mut c = Command::new("sh");
                c.arg("-e");
                c
            }
            None => {
                let mut c = Command::new("bash");
                c.arg("-e");
                c
            }
            Some(other) => panic!("shell {other} is not run by the test"),
        };
        command.arg(&script_path).current_dir(self.workspace()).env_clear();
        let mut env = self.base_env(job);
        for (k, v) in state.ctx["env"].as_object().unwrap() {
            env.insert(k.clone(), as_text(v));
        }
        env.extend(state.env_added.clone());
        env.extend(step_env);
        for (name, file) in [("GITHUB_OUTPUT", "output"), ("GITHUB_ENV", "env"), ("GITHUB_PATH", "path"), ("GITHUB_STEP_SUMMARY", "summary")] {
            let path = files.join(file);
            std::fs::write(&path, "").unwrap();
            env.insert(name.into(), path.to_string_lossy().into());
        }
        if let Some(dir) = action_dir {
            env.insert("GITHUB_ACTION_PATH".into(), dir.to_string_lossy().into());
        }
        let mut path: Vec<String> = self.path.clone();
        path.extend(state.path_added.iter().rev().cloned());
        path.push("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into());
        env.insert("PATH".into(), path.join(":"));
        let out = command.envs(&env).output().expect("bash runs");
        let outputs = parse_commands_file(&files.join("output")).into_iter().collect();
        state.env_added.extend(parse_commands_file(&files.join("env")));
        state.path_added.extend(read(&files.join("path")).lines().map(str::to_string));
        state.summary.push_str(&read(&files.join("summary")));
        let output = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.success(), outputs, output)
    }

    /// The stand-in for an action. Every action must be pinned to a commit.
    fn stand_in(&self, uses: &str, with: &BTreeMap<String, String>, state: &mut JobState, job: &str) -> (bool, BTreeMap<String, String>, String) {
        let (action, reference) = uses.split_once('@').unwrap_or_else(|| panic!("{uses} has no @ref"));
        let pinned = reference.len() == 40 && reference.bytes().all(|b| b.is_ascii_hexdigit());
        assert!(pinned, "{uses} is not pinned to a full commit SHA");
        let input = |k: &str| with.get(k).cloned().unwrap_or_default();
        let ok = |outputs: &[(&str, String)], log: String| (true, outputs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(), log);
        match action {
            "actions/checkout" => {
                let log = self.checkout(input("fetch-depth").parse().unwrap_or(1));
                ok(&[], log)
            }
            "actions/configure-pages" => ok(&[("base_url", self.pages_url.clone())], String::new()),
            "actions/deploy-pages" => ok(&[("page_url", format!("{}/", self.pages_url))], String::new()),
            "actions/upload-artifact" | "actions/upload-pages-artifact" => {
                let name = if action == "actions/upload-pages-artifact" { "github-pages".to_string() } else { input("name") };
                let from = self.workspace().join(input("path"));
                if !from.is_dir() {
                    let ignore = input("if-no-files-found") == "ignore";
                    return (ignore, BTreeMap::new(), format!("no files at {}", from.display()));
                }
                let to = self.artifacts.join(&name);
                // Hidden files are left out, as both actions do by default.
                for (rel, bytes) in snapshot(&from) {
                    if rel.split('/').any(|part| part.starts_with('.')) {
                        continue;
                    }
                    std::fs::create_dir_all(to.join(&rel).parent().unwrap()).unwrap();
                    std::fs::write(to.join(&rel), bytes).unwrap();
                }
                ok(&[("artifact-url", format!("https://github.com/{REPO}/actions/runs/4242/artifacts/{name}"))], format!("uploaded {name}"))
            }
            "actions/download-artifact" => {
                let from = self.download_from.as_ref().expect("a run to download from").join(input("name"));
                let to = self.workspace().join(input("path"));
                if !from.is_dir() {
                    return (false, BTreeMap::new(), format!("Artifact not found: {}", input("name")));
                }
                for (rel, bytes) in snapshot(&from) {
                    std::fs::create_dir_all(to.join(&rel).parent().unwrap()).unwrap();
                    std::fs::write(to.join(&rel), bytes).unwrap();
                }
                ok(&[("download-path", to.to_string_lossy().into())], String::new())
            }
            _ if action == install_action_name() => self.run_action(&crate_dir(), with, state, job),
            _ => panic!("no stand-in for {uses}"),
        }
    }

    /// actions/checkout: `fetch-depth: 1` fetches the one commit of the
    /// event's ref; 0 fetches every branch and tag too.
    fn checkout(&self, depth: u32) -> String {
        let ws = self.workspace();
        git(&ws, &["init", "-q"]);
        let origin = format!("file://{}", self.origin.display());
        git(&ws, &["remote", "add", "origin", &origin]);
        let target = format!("+{0}:refs/remotes/checkout/{0}", self.checkout_ref);
        if depth == 0 {
            git(&ws, &["fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*", &target]);
        } else {
            git(&ws, &["fetch", "-q", &format!("--depth={depth}"), "origin", &target]);
        }
        git(&ws, &["checkout", "-q", "--detach", &format!("refs/remotes/checkout/{}", self.checkout_ref)]);
        format!("checked out {} at {}", self.checkout_ref, git(&ws, &["rev-parse", "HEAD"]))
    }

    /// A composite action: its steps, with `inputs` and GITHUB_ACTION_PATH.
    fn run_action(&self, dir: &Path, with: &BTreeMap<String, String>, state: &mut JobState, job: &str) -> (bool, BTreeMap<String, String>, String) {
        let action = load_yaml(&dir.join("action.yml"));
        assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
        let mut inputs = serde_json::Map::new();
        for (name, spec) in action["inputs"].as_hash().unwrap() {
            let name = scalar(name).unwrap();
            let value = with.get(&name).cloned().or_else(|| scalar(&spec["default"])).unwrap_or_default();
            inputs.insert(name, Value::String(value));
        }
        for name in with.keys() {
            assert!(inputs.contains_key(name), "the action has no input {name}");
        }
        // The action's steps see their own `steps` and `inputs`.
        let outer = state.ctx.clone();
        state.ctx["inputs"] = Value::Object(inputs);
        state.ctx["steps"] = json!({});
        let mut log = String::new();
        let mut ok = true;
        for step in action["runs"]["steps"].as_vec().unwrap() {
            if !condition(&state.ctx, step["if"].as_str(), !ok) {
                continue;
            }
            let (step_ok, outputs, output) = self.run_step(step, state, job, None, Some(dir));
            if let Some(id) = step["id"].as_str() {
                state.ctx["steps"][id] = json!({ "outputs": outputs });
            }
            log.push_str(&output);
            ok &= step_ok;
        }
        let outputs = action["outputs"]
            .as_hash()
            .map(|h| h.iter().map(|(k, v)| (scalar(k).unwrap(), interpolate(&state.ctx, v["value"].as_str().unwrap_or("")))).collect())
            .unwrap_or_default();
        state.ctx = outer;
        (ok, outputs, log)
    }
}

/// `owner/name` of this repository's install action (from Cargo.toml).
fn install_action_name() -> String {
    env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/").to_string()
}

// ---------------------------------------------------------------------------
// The fake GitHub: a bare repository, an author's clone, pull requests.

struct Github {
    dir: tempfile::TempDir,
}

impl Github {
    /// `dossier init` a dossier, commit it and push it to `main`.
    fn with_new_dossier() -> Github {
        let github = Github { dir: tempfile::tempdir().unwrap() };
        git(github.dir.path(), &["init", "-q", "--bare", "-b", "main", "origin.git"]);
        let init = dossier_bin().arg("init").arg(github.author()).output().unwrap();
        assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
        let author = github.author();
        git(&author, &["init", "-q", "-b", "main"]);
        for (k, v) in [("user.name", "Ana Lyst"), ("user.email", "ana@example.org"), ("commit.gpgsign", "false")] {
            git(&author, &["config", k, v]);
        }
        git(&author, &["remote", "add", "origin", &github.origin().to_string_lossy()]);
        github.commit("A new dossier");
        git(&author, &["push", "-q", "origin", "main"]);
        github
    }

    fn origin(&self) -> PathBuf {
        self.dir.path().join("origin.git")
    }

    fn author(&self) -> PathBuf {
        self.dir.path().join("author")
    }

    fn edit(&self, path: &str, from: &str, to: &str) {
        let file = self.author().join(path);
        let text = read(&file);
        assert!(text.contains(from), "{path} does not contain {from:?}");
        std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
    }

    fn commit(&self, message: &str) -> String {
        git(&self.author(), &["add", "-A"]);
        git(&self.author(), &["commit", "-q", "-m", message]);
        git(&self.author(), &["rev-parse", "HEAD"])
    }

    /// Push `branch` and make the refs GitHub makes for pull request `n`:
    /// its head, and the merge of it into `main`.
    fn open_pull_request(&self, n: u32, branch: &str) -> (String, String) {
        let author = self.author();
        git(&author, &["push", "-q", "--force", "origin", branch]);
        let head = git(&author, &["rev-parse", branch]);
        git(&author, &["switch", "-q", "--detach", "main"]);
        git(&author, &["merge", "-q", "--no-ff", "-m", &format!("Merge {head} into main"), branch]);
        let merge = git(&author, &["rev-parse", "HEAD"]);
        git(&author, &["push", "-q", "--force", "origin", &format!("{head}:refs/pull/{n}/head"), &format!("{merge}:refs/pull/{n}/merge")]);
        git(&author, &["switch", "-q", branch]);
        (head, merge)
    }

    /// A branch off `main` with these (from, to) edits to the sample article.
    fn branch(&self, name: &str, edits: &[(&str, &str)], message: &str) {
        git(&self.author(), &["switch", "-q", "-c", name, "main"]);
        for (from, to) in edits {
            self.edit("content/articles/welcome.md", from, to);
        }
        self.commit(message);
    }

    /// Push `branch`, open pull request `n` from it (from `head_repo`), and
    /// run dossier.yml's review job on GitHub's merge commit, installing
    /// from `download`. Returns the runner, the run and the head commit.
    fn review(&self, n: u32, branch: &str, head_repo: &str, download: &Path) -> (Runner, JobRun, String) {
        let (head, merge) = self.open_pull_request(n, branch);
        let mut runner = Runner::new(&self.origin(), "pull_request", self.pull_request_event(n, branch, &head, head_repo), &format!("refs/pull/{n}/merge"));
        runner.env.insert("DOSSIER_DOWNLOAD_BASE".into(), format!("file://{}", download.display()));
        let run = runner.run_job(&workflow(self, "dossier.yml"), "review", Value::Null, Value::Null, None);
        assert_eq!(git(&runner.workspace(), &["rev-parse", "HEAD"]), merge, "the review runs on GitHub's merge commit");
        (runner, run, head)
    }

    fn pull_request_event(&self, n: u32, branch: &str, head: &str, head_repo: &str) -> Value {
        let base = git(&self.author(), &["rev-parse", "main"]);
        json!({
            "action": "synchronize",
            "number": n,
            "pull_request": {
                "number": n,
                "head": { "ref": branch, "sha": head, "repo": { "full_name": head_repo } },
                "base": { "ref": "main", "sha": base, "repo": { "full_name": REPO } },
            },
            "repository": { "full_name": REPO, "default_branch": "main" },
        })
    }
}

// ---------------------------------------------------------------------------
// The release download, and the stubs.

/// A release folder as the install action downloads from
/// (`<base>/v<version>/<archive>`), holding the test binary packed by the
/// release workflow's Package step.
fn release_download() -> tempfile::TempDir {
    let release = load_yaml(&crate_dir().join(".github/workflows/release.yml"));
    let target = host_target();
    // The checkout the Package step runs in, after the Build step.
    let runner_home = tempfile::tempdir().unwrap();
    let origin = runner_home.path().join("unused");
    let event = json!({ "ref": format!("refs/tags/v{VERSION}") });
    let mut runner = Runner::new(&origin, "push", event, &format!("refs/tags/v{VERSION}"));
    runner.github["ref_name"] = json!(format!("v{VERSION}"));
    let ws = runner.workspace();
    std::fs::create_dir_all(ws.join(format!("target/{target}/release"))).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_dossier"), ws.join(format!("target/{target}/release/dossier"))).unwrap();
    std::fs::copy(crate_dir().join("README.md"), ws.join("README.md")).unwrap();
    let run = runner.run_job(&release, "build", Value::Null, json!({ "target": target, "os": "ubuntu-latest" }), Some(&["Package"]));
    assert!(run.ok() && run.steps.len() == 1, "{}", run.log());

    let download = tempfile::tempdir().unwrap();
    let dir = download.path().join(format!("v{VERSION}"));
    std::fs::create_dir_all(&dir).unwrap();
    let archive = format!("dossier-v{VERSION}-{target}.tar.gz");
    for name in [archive.clone(), format!("{archive}.sha256")] {
        std::fs::copy(ws.join("dist").join(&name), dir.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}\n{}", run.log()));
    }
    // The checksum file is what `sha256sum` writes, for the archive's name.
    let sums = read(&dir.join(format!("{archive}.sha256")));
    assert!(sums.ends_with(&format!("  {archive}\n")) && sums.split(' ').next().unwrap().len() == 64, "{sums}");
    download
}

/// A `gh` that answers `gh api` from JSON files in $FAKE_GITHUB: pull
/// requests in pulls/N.json, comments in comments/ID.json. Every call is
/// logged in calls.log; --jq filters are applied with jq.
const GH_STUB: &str = r#"#!/bin/bash
set -euo pipefail
[ -n "${GH_TOKEN:-}" ] || { echo "gh: GH_TOKEN is not set" >&2; exit 4; }
[ "${1:-}" = api ] || { echo "gh stub: only 'gh api' is imitated" >&2; exit 2; }
shift
method=GET filter=. endpoint="" body=""
while [ $# -gt 0 ]; do
  case "$1" in
    --method|-X) method=$2; shift 2 ;;
    --jq|-q) filter=$2; shift 2 ;;
    --paginate) shift ;;
    -F|--field|-f|--raw-field)
      case "$2" in body=@*) body="${2#body=@}" ;; *) echo "gh stub: field $2" >&2; exit 2 ;; esac
      shift 2 ;;
    -*) echo "gh stub: flag $1" >&2; exit 2 ;;
    *) endpoint=$1; shift ;;
  esac
done
echo "$method $endpoint" >> "$FAKE_GITHUB/calls.log"
store="$FAKE_GITHUB"
mkdir -p "$store/comments"
case "$method $endpoint" in
  "GET repos/$GITHUB_REPOSITORY/pulls/"*)
    file="$store/pulls/${endpoint##*/}.json"
    [ -f "$file" ] || { echo "gh: Not Found (HTTP 404)" >&2; exit 1; }
    jq -r "$filter" "$file" ;;
  "GET repos/$GITHUB_REPOSITORY/issues/"*/comments)
    n=$(echo "$endpoint" | cut -d/ -f5)
    shopt -s nullglob
    comments=("$store"/comments/*.json)
    if [ ${#comments[@]} -gt 0 ]; then cat "${comments[@]}"; fi | jq -s --argjson n "$n" '[.[] | select(.issue == $n)] | sort_by(.id)' | jq -r "$filter" ;;
  "POST repos/$GITHUB_REPOSITORY/issues/"*/comments)
    n=$(echo "$endpoint" | cut -d/ -f5)
    id=$(( $(ls "$store/comments" | wc -l) + 1001 ))
    jq -n --argjson id "$id" --argjson n "$n" --rawfile body "$body" \
      '{id: $id, issue: $n, user: {login: "github-actions[bot]"}, body: $body}' > "$store/comments/$id.json"
    jq -r "$filter" "$store/comments/$id.json" ;;
  "PATCH repos/$GITHUB_REPOSITORY/issues/comments/"*)
    file="$store/comments/${endpoint##*/}.json"
    [ -f "$file" ] || { echo "gh: Not Found (HTTP 404)" >&2; exit 1; }
    jq --rawfile body "$body" '.body = $body' "$file" > "$file.new" && mv "$file.new" "$file"
    jq -r "$filter" "$file" ;;
  *) echo "gh stub: $method $endpoint is not imitated" >&2; exit 2 ;;
esac
"#;

/// A fake GitHub API behind the `gh` stub.
struct FakeApi {
    dir: tempfile::TempDir,
}

impl FakeApi {
    fn new() -> FakeApi {
        assert!(Command::new("jq").arg("--version").output().is_ok_and(|o| o.status.success()), "the gh stub needs jq (apt-get install jq)");
        let api = FakeApi { dir: tempfile::tempdir().unwrap() };
        let bin = api.dir.path().join("bin");
        std::fs::create_dir_all(api.dir.path().join("pulls")).unwrap();
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::write(bin.join("gh"), GH_STUB).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(bin.join("gh"), std::fs::Permissions::from_mode(0o755)).unwrap();
        api
    }

    fn set_pull(&self, n: u32, head_sha: &str) {
        std::fs::write(self.dir.path().join(format!("pulls/{n}.json")), json!({ "number": n, "head": { "sha": head_sha } }).to_string()).unwrap();
    }

    fn comments(&self) -> Vec<Value> {
        let mut comments: Vec<Value> = std::fs::read_dir(self.dir.path().join("comments"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| serde_json::from_str(&read(&e.path())).unwrap())
            .collect();
        comments.sort_by_key(|c| c["id"].as_i64());
        comments
    }

    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.path().join("calls.log")).unwrap_or_default().lines().map(str::to_string).collect()
    }

    /// A runner for dossier-comment.yml's job, started by a completed run.
    fn comment_runner(&self, origin: &Path, review: &Runner, head_sha: &str) -> Runner {
        let event = json!({
            "action": "completed",
            "workflow_run": {
                "id": 4242, "name": "dossier", "event": "pull_request", "conclusion": "success",
                "head_sha": head_sha, "html_url": format!("https://github.com/{REPO}/actions/runs/4242"),
            },
        });
        let mut runner = Runner::new(origin, "workflow_run", event, "refs/heads/main");
        runner.download_from = Some(review.artifacts.clone());
        runner.path.push(self.dir.path().join("bin").to_string_lossy().into());
        runner.env.insert("FAKE_GITHUB".into(), self.dir.path().to_string_lossy().into());
        runner
    }
}

/// The workflows `dossier init` wrote into the author's dossier.
fn workflow(github: &Github, name: &str) -> Yaml {
    load_yaml(&github.author().join(".github/workflows").join(name))
}

// ---------------------------------------------------------------------------
// The tests.

/// A pull request that edits an annotation, reviewed by the workflows `init`
/// wrote: install from the release archive, check, diff, preview, summary,
/// and the comment, posted once and then updated in place.
#[test]
fn a_pull_request_is_reviewed_by_the_workflows_init_writes() {
    let download = release_download();
    let github = Github::with_new_dossier();
    let note = "[Delete this article]{.note note=\"Once you have your own.\"}";
    github.branch("sourcing", &[("sourcing=anonymous", "sourcing=named"), ("Delete this article", note)], "The claim is named; a note on deleting the sample");
    let (runner, review, head) = github.review(1, "sourcing", REPO, download.path());
    assert!(review.ok(), "{}", review.log());
    assert!(review.steps.iter().all(|s| s.ran), "{}", review.log());

    // Install: the archive's checksum was verified, and `dossier` on the PATH is it.
    let install = review.step("Install dossier");
    let archive = format!("dossier-v{VERSION}-{}.tar.gz", host_target());
    assert!(install.output.contains(&format!("{archive}: SHA-256 ")) && install.output.contains("as published"), "{}", install.output);
    assert!(install.output.contains(&format!("dossier {VERSION} (commit ")), "{}", install.output);
    let bin = PathBuf::from(&review.path[0]).join("dossier");
    assert_eq!(std::fs::read(&bin).unwrap(), std::fs::read(env!("CARGO_BIN_EXE_dossier")).unwrap(), "the installed program is the packed one");

    // Check: the dossier is clean, so no annotation; its total is printed.
    let check = review.step("Check");
    assert!(check.output.contains("check: 0 error(s), 0 warning(s)") && !check.output.contains("::error"), "{}", check.output);

    // Diff: the report is what `dossier diff` says for the same revisions.
    let direct = dossier_bin().args(["diff", "origin/main", "HEAD", "--format", "markdown"]).current_dir(runner.workspace()).output().unwrap();
    let diff_md = String::from_utf8(direct.stdout).unwrap();
    assert!(diff_md.starts_with("### dossier diff origin/main..HEAD"), "{diff_md}");
    assert!(diff_md.contains("sourcing") && diff_md.contains("Once you have your own."), "the edited and the added annotation: {diff_md}");
    let reports = runner.artifacts.join("dossier-review");
    assert_eq!(read(&reports.join("diff.md")), diff_md);
    let diff_json: Value = serde_json::from_str(&read(&reports.join("diff.json"))).expect("the JSON report parses");
    assert!(diff_json.is_object());
    assert!(read(&reports.join("diff.html")).contains("<html"));

    // Preview: the built site, and the pages this pull request changes.
    let preview = runner.artifacts.join("dossier-preview");
    assert!(preview.join("index.html").is_file() && preview.join("articles/welcome.html").is_file());
    assert!(read(&preview.join("articles/welcome.html")).contains("Once you have your own."));
    let changed = read(&reports.join("changed-pages.txt"));
    assert!(changed.lines().any(|l| l == "changed articles/welcome.html"), "{changed}");
    for line in changed.lines() {
        let (kind, page) = line.split_once(' ').unwrap();
        assert!(["changed", "added", "removed"].contains(&kind), "{line}");
        assert_eq!(preview.join(page).is_file(), kind != "removed", "{line}");
    }

    // Summary and comment: the report, then the preview and its pages.
    let comment = read(&reports.join("comment.md"));
    assert!(comment.starts_with(&diff_md), "{comment}");
    let footer = &comment[diff_md.len()..];
    assert!(footer.contains(&format!("[`dossier-preview`](https://github.com/{REPO}/actions/runs/4242/artifacts/dossier-preview)")), "{footer}");
    assert!(footer.contains("`articles/welcome.html`"), "{footer}");
    assert!(review.summary.starts_with(&comment) && review.summary.contains("- changed `articles/welcome.html`"), "{}", review.summary);
    assert_eq!(read(&reports.join("pr-number")).trim(), "1");

    // The comment workflow posts it, once.
    let api = FakeApi::new();
    api.set_pull(1, &head);
    let comment_yml = workflow(&github, "dossier-comment.yml");
    let poster = api.comment_runner(&github.origin(), &runner, &head);
    let posted = poster.run_job(&comment_yml, "comment", Value::Null, Value::Null, None);
    assert!(posted.ok(), "{}", posted.log());
    let comments = api.comments();
    assert_eq!(comments.len(), 1, "{:?}", api.calls());
    let body = comments[0]["body"].as_str().unwrap();
    assert!(body.starts_with(&comment), "{body}");
    assert!(body.trim_end().ends_with(dossier::diff::MARKER) && body.contains(&format!("[Review run](https://github.com/{REPO}/actions/runs/4242)")), "{body}");
    assert_eq!(comments[0]["issue"], 1);
    println!("--- the comment on pull request #1 ---\n{body}");

    // A second push: the same comment is updated, not a second one posted.
    github.edit("content/articles/welcome.md", "Once you have your own.", "When your own articles are in.");
    github.commit("Reword the note");
    let (runner2, review2, head2) = github.review(1, "sourcing", REPO, download.path());
    assert!(review2.ok(), "{}", review2.log());
    api.set_pull(1, &head2);
    let posted2 = api.comment_runner(&github.origin(), &runner2, &head2).run_job(&comment_yml, "comment", Value::Null, Value::Null, None);
    assert!(posted2.ok(), "{}", posted2.log());
    let comments = api.comments();
    assert_eq!(comments.len(), 1, "{:?}", api.calls());
    assert!(comments[0]["body"].as_str().unwrap().contains("When your own articles are in."));
    assert!(api.calls().iter().any(|c| c.starts_with("PATCH ") && c.ends_with(&format!("/issues/comments/{}", comments[0]["id"]))), "{:?}", api.calls());

    // The first run's report arriving late names a commit the pull request
    // has moved on from: nothing is posted over the newer comment.
    let late = api.comment_runner(&github.origin(), &runner, &head).run_job(&comment_yml, "comment", Value::Null, Value::Null, None);
    assert!(late.ok(), "{}", late.log());
    assert!(late.step("Post or update the comment").output.contains("not posted"), "{}", late.log());
    assert!(api.comments()[0]["body"].as_str().unwrap().contains("When your own articles are in."));
}

/// A pull request that breaks annotations fails the check, and still gets its
/// report: the steps after Check run unless the run is cancelled.
#[test]
fn a_pull_request_that_breaks_an_annotation_fails_and_still_gets_its_report() {
    let download = release_download();
    let github = Github::with_new_dossier();
    github.branch("broken", &[("{==highlight a passage==}", "{==highlight a passage")], "An unclosed highlight");
    let (runner, review, _) = github.review(2, "broken", REPO, download.path());
    assert!(!review.ok(), "{}", review.log());
    let check = review.step("Check");
    assert!(!check.ok && check.output.contains("::error file=content/articles/welcome.md,line=15,"), "{}", check.output);
    let after: Vec<&StepLog> = review.steps.iter().skip_while(|s| s.name != "Check").skip(1).collect();
    assert!(after.len() == 5 && after.iter().all(|s| s.ran && s.ok), "{}", review.log());
    let comment = read(&runner.artifacts.join("dossier-review/comment.md"));
    assert!(comment.contains("content/articles/welcome.md:15"), "the new error is in the report: {comment}");
    // The broken article is left out of the preview, and the list says so.
    assert!(read(&runner.artifacts.join("dossier-review/changed-pages.txt")).lines().any(|l| l == "removed articles/welcome.html"));
    assert!(comment.contains("`articles/welcome.html` (removed)"), "{comment}");
}

/// When the preview cannot be built (here its folder is taken by a file; a
/// dossier's own errors only leave articles out), there is no preview
/// artifact, and the report says so rather than listing every page as removed.
#[test]
fn when_there_is_no_preview_the_report_says_so() {
    let download = release_download();
    let github = Github::with_new_dossier();
    github.branch("reword", &[("Delete this article", "Remove this article")], "Reword");
    let (head, _) = github.open_pull_request(3, "reword");
    let mut runner = Runner::new(&github.origin(), "pull_request", github.pull_request_event(3, "reword", &head, REPO), "refs/pull/3/merge");
    runner.env.insert("DOSSIER_DOWNLOAD_BASE".into(), format!("file://{}", download.path().display()));
    std::fs::write(runner.temp().join("preview"), "in the way").unwrap();
    let review = runner.run_job(&workflow(&github, "dossier.yml"), "review", Value::Null, Value::Null, None);
    assert!(review.ok(), "{}", review.log());
    assert!(!runner.artifacts.join("dossier-preview").exists());
    let comment = read(&runner.artifacts.join("dossier-review/comment.md"));
    assert!(comment.contains("[-Delete-]{+Remove+}") && comment.contains("**Preview**: none, the site did not build"), "{comment}");
    assert!(!comment.contains("removed"), "{comment}");
    assert!(read(&runner.artifacts.join("dossier-review/changed-pages.txt")).is_empty());
}

/// The report artifact comes from the pull request's own run, so it may lie
/// about which pull request it is for: the comment workflow posts only where
/// GitHub says the reviewed commit is the pull request's head.
#[test]
fn the_comment_workflow_posts_only_on_the_pull_request_that_was_reviewed() {
    let github = Github::with_new_dossier();
    let comment_yml = workflow(&github, "dossier-comment.yml");
    let api = FakeApi::new();
    api.set_pull(1, "1111111111111111111111111111111111111111");
    api.set_pull(2, "2222222222222222222222222222222222222222");
    for (claimed, ok) in [("1", true), ("1; echo pwned", false), ("", false)] {
        // A forged review run: it reviewed commit 2222..., the head of #2, and claims #1.
        let review = Runner::new(&github.origin(), "pull_request", json!({}), "refs/heads/main");
        let report = review.artifacts.join("dossier-review");
        std::fs::create_dir_all(&report).unwrap();
        std::fs::write(report.join("comment.md"), "### dossier diff: an attacker's text\n").unwrap();
        std::fs::write(report.join("pr-number"), claimed).unwrap();
        let run = api.comment_runner(&github.origin(), &review, "2222222222222222222222222222222222222222").run_job(
            &comment_yml,
            "comment",
            Value::Null,
            Value::Null,
            None,
        );
        assert_eq!(run.ok(), ok, "{claimed:?}: {}", run.log());
        assert!(api.comments().is_empty(), "{claimed:?}: {:?}", api.calls());
        assert!(!api.calls().iter().any(|c| c.starts_with("POST") || c.starts_with("PATCH")), "{:?}", api.calls());
    }
    // Only pull requests: a push to main completes the same workflow and is not commented on.
    let spec = &comment_yml["jobs"]["comment"];
    let push = json!({ "github": { "event": { "workflow_run": { "event": "push", "conclusion": "success" } } } });
    assert!(!condition(&push, spec["if"].as_str(), false));
}

/// With `DOSSIER_PREVIEW_URL` set in dossier.yml (the one place besides the
/// version), the comment and the HTML report link each changed article's
/// page in the preview, the pull request's number filled in.
#[test]
fn a_preview_url_links_the_changed_articles_pages() {
    let download = release_download();
    let github = Github::with_new_dossier();
    git(&github.author(), &["switch", "-q", "-c", "previewed", "main"]);
    github.edit(".github/workflows/dossier.yml", "DOSSIER_PREVIEW_URL: \"\"", "DOSSIER_PREVIEW_URL: \"https://previews.example.org/pr-{pr}/{path}\"");
    github.edit("content/articles/welcome.md", "Delete this article", "Remove this article");
    github.commit("A preview host; reword");
    let (runner, review, _) = github.review(3, "previewed", REPO, download.path());
    assert!(review.ok(), "{}", review.log());
    let reports = runner.artifacts.join("dossier-review");
    let link = "https://previews.example.org/pr-3/articles/welcome.html";
    let comment = read(&reports.join("comment.md"));
    assert!(comment.contains(&format!("**Preview**: [articles/welcome.html]({link}) (edited)")), "{comment}");
    assert!(read(&reports.join("diff.html")).contains(&format!("<a href=\"{link}\">")));
}

/// A pull request from a fork runs the same review with a read-only token:
/// the summary and the artifacts are there, and nothing in the job could write.
#[test]
fn a_pull_request_from_a_fork_gets_the_summary_and_the_artifacts() {
    let download = release_download();
    let github = Github::with_new_dossier();
    github.branch("from-a-fork", &[("Delete this article", "Remove this article")], "Reword");
    let (runner, review, _) = github.review(7, "from-a-fork", "mallory/news-dossier", download.path());
    let dossier_yml = workflow(&github, "dossier.yml");
    assert!(review.ok(), "{}", review.log());
    assert!(review.summary.contains("[-Delete-]{+Remove+}"), "the word diff is in the summary: {}", review.summary);
    assert!(runner.artifacts.join("dossier-preview/index.html").is_file());
    assert_eq!(read(&runner.artifacts.join("dossier-review/pr-number")).trim(), "7");
    // Read-only, whoever opened the pull request: no write scope, no token handed to a step.
    let job = &dossier_yml["jobs"]["review"];
    assert_eq!(yaml_map(&job["permissions"]), [("contents".to_string(), "read".to_string())]);
    let text = read(&github.author().join(".github/workflows/dossier.yml"));
    assert!(!text.contains("github.token") && !text.contains("secrets."), "no token is passed to any step of dossier.yml");
}

/// The install action refuses an archive whose SHA-256 is not the published
/// one, and the job stops there.
#[test]
fn a_wrong_checksum_fails_the_install() {
    let download = release_download();
    let sums = download.path().join(format!("v{VERSION}/dossier-v{VERSION}-{}.tar.gz.sha256", host_target()));
    let text = read(&sums);
    let flipped = if text.starts_with('0') { "1" } else { "0" };
    std::fs::write(&sums, format!("{flipped}{}", &text[1..])).unwrap();

    let github = Github::with_new_dossier();
    let dossier_yml = workflow(&github, "dossier.yml");
    let mut runner = Runner::new(&github.origin(), "push", json!({}), "refs/heads/main");
    runner.env.insert("DOSSIER_DOWNLOAD_BASE".into(), format!("file://{}", download.path().display()));
    let build = runner.run_job(&dossier_yml, "build", json!({ "configure": { "outputs": { "base_url": runner.pages_url } } }), Value::Null, None);
    let install = build.step("Install dossier");
    assert!(!install.ok, "{}", build.log());
    assert!(install.output.contains("::error title=Install dossier::") && install.output.contains("the release says"), "{}", install.output);
    assert!(!build.step("Check").ran && !build.step("Build").ran, "{}", build.log());
    assert!(build.path.is_empty(), "nothing is put on the PATH");
    assert!(!runner.temp().join(format!("dossier-{VERSION}/bin/dossier")).exists(), "nothing unverified is installed");
}

/// Where a release has no binary for the runner, the action builds the
/// release's tag from source with `cargo install --locked --git --tag`.
/// The source is a small crate named dossier in a local repository, tagged
/// as the release, so the build takes seconds.
#[test]
fn without_a_release_binary_the_install_builds_the_tag_from_source() {
    let source = tempfile::tempdir().unwrap();
    let crate_root = source.path().join("dossier");
    std::fs::create_dir_all(crate_root.join("src")).unwrap();
    std::fs::write(crate_root.join("Cargo.toml"), format!("[package]\nname = \"dossier\"\nversion = \"{VERSION}\"\nedition = \"2021\"\n\n[workspace]\n"))
        .unwrap();
    std::fs::write(crate_root.join("src/main.rs"), format!("fn main() {{ println!(\"dossier {VERSION} (built from the tag)\"); }}\n")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let lock = Command::new(&cargo).args(["generate-lockfile", "--offline"]).current_dir(&crate_root).output().unwrap();
    assert!(lock.status.success(), "{}", String::from_utf8_lossy(&lock.stderr));
    git(&crate_root, &["init", "-q", "-b", "main"]);
    git(&crate_root, &["add", "-A"]);
    git(&crate_root, &["-c", "user.name=R", "-c", "user.email=r@example.org", "commit", "-q", "-m", "release"]);
    git(&crate_root, &["tag", &format!("v{VERSION}")]);
    // The branch has moved on since: the tag is what gets built.
    std::fs::write(crate_root.join("src/main.rs"), "fn main() { println!(\"not the release\"); }\n").unwrap();
    git(&crate_root, &["-c", "user.name=R", "-c", "user.email=r@example.org", "commit", "-q", "-am", "after the release"]);

    let github = Github::with_new_dossier();
    let dossier_yml = workflow(&github, "dossier.yml");
    let mut runner = Runner::new(&github.origin(), "push", json!({}), "refs/heads/main");
    let empty = tempfile::tempdir().unwrap();
    runner.env.insert("DOSSIER_DOWNLOAD_BASE".into(), empty.path().to_string_lossy().into());
    runner.env.insert("DOSSIER_REPOSITORY".into(), format!("file://{}", crate_root.display()));
    runner.env.insert("CARGO_HOME".into(), source.path().join("cargo-home").to_string_lossy().into());
    runner.path.push(Path::new(&cargo).parent().unwrap().to_string_lossy().into());
    let build =
        runner.run_job(&dossier_yml, "build", json!({ "configure": { "outputs": { "base_url": runner.pages_url } } }), Value::Null, Some(&["Install dossier"]));
    assert!(build.ok(), "{}", build.log());
    let install = &build.steps[0].output;
    assert!(install.contains("::notice title=Install dossier::no prebuilt dossier") && install.contains("building it from source"), "{install}");
    assert!(install.contains(&format!("dossier {VERSION} (built from the tag)")), "{install}");
}

/// A push to main: the Pages address from configure, then check, build with
/// that address, and the site handed to the deploy job.
#[test]
fn a_push_to_main_builds_the_site_for_its_pages_address() {
    let download = release_download();
    let github = Github::with_new_dossier();
    let dossier_yml = workflow(&github, "dossier.yml");
    let mut runner = Runner::new(&github.origin(), "push", json!({ "ref": "refs/heads/main" }), "refs/heads/main");
    runner.env.insert("DOSSIER_DOWNLOAD_BASE".into(), format!("file://{}", download.path().display()));
    let configure = runner.run_job(&dossier_yml, "configure", Value::Null, Value::Null, None);
    assert!(configure.ok());
    let needs = json!({ "configure": { "outputs": configure.outputs } });
    let build = runner.run_job(&dossier_yml, "build", needs, Value::Null, None);
    assert!(build.ok(), "{}", build.log());
    let site = runner.artifacts.join("github-pages");
    let index = read(&site.join("index.html"));
    assert!(index.contains(&format!("{}/", runner.pages_url)), "links to the Pages address: {index}");
    assert!(read(&site.join("articles/welcome.html")).contains(&format!("{}/articles/welcome.html", runner.pages_url)));
    // The review job does not run on a push; the deploy job needs the build.
    assert!(!condition(&runner.context(&dossier_yml, "review", Value::Null, Value::Null), dossier_yml["jobs"]["review"]["if"].as_str(), false));
    assert_eq!(dossier_yml["jobs"]["deploy"]["needs"].as_str(), Some("build"));
    assert_eq!(dossier_yml["jobs"]["deploy"]["environment"]["name"].as_str(), Some("github-pages"));
}

/// Each job holds only what it needs, every action is pinned to a commit with
/// its version beside it, and the dossier version is written once.
#[test]
fn the_workflows_are_least_privilege_and_pinned() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    dossier::init::init(&root).unwrap();
    let dossier_yml = load_yaml(&root.join(".github/workflows/dossier.yml"));
    let comment_yml = load_yaml(&root.join(".github/workflows/dossier-comment.yml"));
    let perms = |w: &Yaml, job: &str| yaml_map(&w["jobs"][job]["permissions"]);
    let pairs = |p: &[(&str, &str)]| p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
    for w in [&dossier_yml, &comment_yml] {
        assert!(w["permissions"].as_hash().is_some_and(|h| h.is_empty()), "nothing granted to the whole workflow");
    }
    assert_eq!(perms(&dossier_yml, "configure"), pairs(&[("pages", "read")]));
    assert_eq!(perms(&dossier_yml, "build"), pairs(&[("contents", "read")]));
    assert_eq!(perms(&dossier_yml, "deploy"), pairs(&[("pages", "write"), ("id-token", "write")]));
    assert_eq!(perms(&dossier_yml, "review"), pairs(&[("contents", "read")]));
    assert_eq!(perms(&comment_yml, "comment"), pairs(&[("actions", "read"), ("pull-requests", "write")]));
    assert_eq!(dossier_yml["on"]["push"]["branches"][0].as_str(), Some("main"));
    assert!(!dossier_yml["on"]["pull_request"].is_badvalue());
    assert_eq!(comment_yml["on"]["workflow_run"]["workflows"][0].as_str(), dossier_yml["name"].as_str(), "the comment follows the review's runs");

    // Pinned: the commit, then its version, for every `uses:` of every workflow, ours and these.
    let ours = ["dossier-comment.yml", "release.yml", "pages.yml", "pr.yml"].map(|f| crate_dir().join(".github/workflows").join(f));
    let files: Vec<PathBuf> =
        [root.join(".github/workflows/dossier.yml"), root.join(".github/workflows/dossier-comment.yml")].into_iter().chain(ours).collect();
    let pin = regex::Regex::new(r"^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$").unwrap();
    for file in &files {
        for line in read(file).lines().filter(|l| l.trim_start().trim_start_matches("- ").starts_with("uses:")) {
            if line.contains("uses: ./") {
                continue;
            }
            assert!(pin.is_match(line), "{}: not pinned to a commit with its version: {line}", file.display());
        }
    }
    // Our install action is pinned to the commit `--version` names.
    let version = String::from_utf8(dossier_bin().arg("--version").output().unwrap().stdout).unwrap();
    let commit = version.trim().strip_prefix(&format!("dossier {VERSION} (commit ")).and_then(|s| s.strip_suffix(')')).expect("built from a git checkout");
    let text = read(&root.join(".github/workflows/dossier.yml"));
    assert_eq!(text.matches(&format!("uses: {}@{commit} # v{VERSION}", install_action_name())).count(), 2, "{text}");

    // One place for the version: DOSSIER_VERSION, which both installs use.
    assert_eq!(dossier_yml["env"]["DOSSIER_VERSION"].as_str(), Some(VERSION));
    assert_eq!(text.lines().filter(|l| l.contains(&format!("\"{VERSION}\""))).count(), 1);
    for job in ["build", "review"] {
        let install = steps(&dossier_yml, job).into_iter().find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(&install_action_name()))).unwrap();
        assert_eq!(install["with"]["version"].as_str(), Some("${{ env.DOSSIER_VERSION }}"));
    }
    assert!(!text.contains("DOSSIER_REV") && !text.contains("--rev"), "the old `cargo install --rev main` is gone");
}

#[test]
fn version_names_the_commit() {
    let out = dossier_bin().arg("--version").output().unwrap();
    assert!(out.status.success());
    let line = String::from_utf8(out.stdout).unwrap();
    // Built from this checkout: the commit is git's HEAD (build.rs reruns when it moves).
    let head = git(&crate_dir(), &["rev-parse", "HEAD"]);
    assert_eq!(line, format!("dossier {VERSION} (commit {head})\n"));
    assert_eq!(String::from_utf8(dossier_bin().arg("-V").output().unwrap().stdout).unwrap(), line);
}

#[test]
fn init_scaffolds_a_dossier_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("my-dossier");
    let init = dossier_bin().arg("init").arg(&root).output().unwrap();
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let files: Vec<String> = snapshot(&root).into_keys().collect();
    assert_eq!(
        files,
        [
            ".github/workflows/dossier-comment.yml",
            ".github/workflows/dossier.yml",
            ".gitignore",
            "content/actors.toml",
            "content/articles/welcome.md",
            "content/events.toml",
            "dossier.toml"
        ]
    );
    assert!(read(&root.join(".gitignore")).lines().any(|l| l == "public/"));
    // The comment workflow is this repository's own, byte for byte.
    assert_eq!(read(&root.join(".github/workflows/dossier-comment.yml")), read(&crate_dir().join(".github/workflows/dossier-comment.yml")));

    let check = dossier_bin().args(["check", "--deny-warnings"]).arg(&root).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let build = dossier_bin().arg("build").arg(&root).output().unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let index = read(&root.join("public/index.html"));
    assert!(index.contains("my-dossier") && index.contains("Welcome to your dossier"));
    let article = crate::common::page(&root.join("public"), "articles/welcome.html");
    assert!(!crate::common::select(&article, "mark, .annotation, [class*=annot]").is_empty(), "the sample's annotations render");

    // The new dossier takes imports, and init never touches an existing folder.
    let import = dossier_bin().args(["import", "--into"]).arg(&root).arg(crate_dir().join("seeds/004_a48fdd5eaebd3c3c.txt")).output().unwrap();
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));
    // The imported article is undated: lists show "undated" without an empty `datetime`, which is invalid HTML.
    let rebuild = dossier_bin().arg("build").arg(&root).output().unwrap();
    assert!(rebuild.status.success(), "{}", String::from_utf8_lossy(&rebuild.stderr));
    for (path, bytes) in snapshot(&root.join("public")) {
        assert!(!String::from_utf8_lossy(&bytes).contains("datetime=\"\""), "empty datetime in {path}");
    }
    assert!(read(&root.join("public/index.html")).contains("undated"));
    let before = snapshot(&root);
    let again = dossier_bin().arg("init").arg(&root).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("folder is not empty") && stderr.contains("dossier init --ci"), "{stderr}");
    assert_eq!(snapshot(&root), before);
}

/// `dossier init` with no folder makes the current one a dossier, when it is
/// empty, as `git init` and `cargo init` do; a folder with files is left as it is.
#[test]
fn init_without_a_name_uses_the_current_folder_when_it_is_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path().join("talks");
    std::fs::create_dir(&here).unwrap();
    let init = dossier_bin().arg("init").current_dir(&here).output().unwrap();
    let stderr = String::from_utf8_lossy(&init.stderr);
    assert!(init.status.success(), "{stderr}");
    assert!(!stderr.contains("`cd "), "nowhere to cd to: {stderr}");
    assert!(read(&here.join("dossier.toml")).contains("talks"), "the folder's name is the dossier's");
    let check = dossier_bin().arg("check").current_dir(&here).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));

    let before = snapshot(&here);
    let again = dossier_bin().arg("init").current_dir(&here).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("folder is not empty"));
    assert_eq!(snapshot(&here), before);
}

/// `init --ci` adds the workflows to a dossier that has none, keeps every
/// file that exists, says which it kept, and warns about an older workflow
/// that would deploy a second time.
#[test]
fn init_ci_adds_the_workflows_and_keeps_what_exists() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content/articles")).unwrap();
    std::fs::write(root.join("dossier.toml"), "title = \"Mine\"\n").unwrap();
    std::fs::write(root.join(".gitignore"), "public/\n*.bak\n").unwrap();
    std::fs::create_dir_all(root.join(".github/workflows")).unwrap();
    let old_pages = "name: Publish dossier\njobs:\n  deploy:\n    steps:\n      - uses: actions/deploy-pages@v4\n";
    std::fs::write(root.join(".github/workflows/pages.yml"), old_pages).unwrap();
    let before = snapshot(root);

    let out = dossier_bin().args(["init", "--ci"]).current_dir(root).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("created ./.github/workflows/dossier.yml") && stderr.contains("created ./.github/workflows/dossier-comment.yml"), "{stderr}");
    assert!(stderr.contains("kept    ./.gitignore (it exists"), "{stderr}");
    assert!(stderr.contains(".github/workflows/pages.yml") && stderr.contains("deploys to GitHub Pages too"), "{stderr}");
    let after = snapshot(root);
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{path} was changed");
    }
    assert_eq!(after.len(), before.len() + 2);

    // Run again: everything exists, nothing is written.
    let report = dossier::init::add_ci(root).unwrap();
    assert!(report.written.is_empty());
    assert_eq!(report.skipped.len(), 3);
    assert_eq!(snapshot(root), after);
    // Not a folder: a clear error, nothing created.
    let missing = root.join("nowhere");
    let err = dossier::init::add_ci(&missing).unwrap_err();
    assert!(err.to_string().contains("no such folder"), "{err}");
    assert!(!missing.exists());
}
