//! `cargo run --release --example serve-bench -- DOSSIER [EDITS]`: how long
//! `dossier serve` takes from an article being saved to the browser being
//! told to reload (see `benches/SERVE.md`).
//!
//! Starts the release `dossier serve` on a free port with its own output
//! folder, waits for the first build, then edits one article `EDITS` times
//! (default 30; each edit changes the text, so pages really change). Each
//! time the clock starts just before the file is written and stops when the
//! server's long-poll endpoint (the one the page's script waits on) answers
//! with a new version. Prints the median, p90 and the server's own timing of
//! each rebuild stage. The article is restored at the end.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(root) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: serve-bench DOSSIER [EDITS]   (make one with: cargo run --release --example gen-corpus -- 10000 /tmp/serve-bench)");
        std::process::exit(2);
    };
    let edits: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(30);
    let exe = std::env::current_exe().expect("own path");
    let dossier = exe.parent().and_then(|p| p.parent()).expect("target/<profile>/examples/").join("dossier");
    assert!(dossier.is_file(), "build the binary first: cargo build --release ({} is missing)", dossier.display());
    let out = tempfile::tempdir().expect("temporary folder");
    let site = out.path().join("site");

    let started = Instant::now();
    let mut server = Server(
        Command::new(&dossier)
            .args(["serve", "--port", "0", "--out"])
            .arg(&site)
            .arg(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dossier serve"),
    );
    // The server's stderr: the address when ready, then one line per rebuild.
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let (ready_tx, ready) = std::sync::mpsc::channel();
    {
        let lines = lines.clone();
        let stderr = server.0.stderr.take().expect("piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("serving ").and_then(|l| l.split(" at http://").nth(1)) {
                    let _ = ready_tx.send(rest.split_whitespace().next().unwrap_or_default().to_string());
                }
                eprintln!("  server: {line}");
                lines.lock().unwrap().push(line);
            }
        });
    }
    let address = ready.recv_timeout(Duration::from_secs(600)).expect("the server did not start");
    let base = format!("http://{address}");
    let host = base.split('/').take(3).collect::<Vec<_>>().join("/");
    println!("first build and start: {:.1} s", started.elapsed().as_secs_f64());

    let mut articles: Vec<PathBuf> = std::fs::read_dir(root.join("content/articles"))
        .expect("content/articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    articles.sort();
    let article = articles.get(articles.len() / 2).expect("an article").clone();
    let original = std::fs::read_to_string(&article).expect("read the article");

    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(60))).build().into();
    let poll = |since: u64| -> serde_json::Value {
        let body = agent.get(format!("{host}/__dossier/poll?since={since}")).call().expect("poll").body_mut().read_to_string().expect("body");
        let value: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        assert!(value["errors"].as_array().is_some_and(|e| e.is_empty()), "the edit made errors: {body}");
        value
    };
    let slug = article.file_stem().unwrap().to_string_lossy().into_owned();
    let page = format!("articles/{slug}.html");
    // What the page's script does: poll until the answer says this page changed.
    let reload = |mut since: u64| loop {
        let state = poll(since);
        let version = state["version"].as_u64().expect("version");
        let changed = &state["changed"];
        if version != since && (changed.is_null() || changed.as_array().unwrap().iter().any(|p| p == page.as_str())) {
            break version;
        }
        since = version;
    };
    let finished = || lines.lock().unwrap().iter().filter(|l| l.starts_with("rebuil")).count();
    let mut version = poll(u64::MAX)["version"].as_u64().unwrap();
    let mut took = Vec::with_capacity(edits);
    for i in 0..edits {
        let edited = format!("{}\nEdit number {i} of the benchmark, so that the page really changes.\n", original.trim_end());
        let before = finished();
        let t0 = Instant::now();
        std::fs::write(&article, edited).expect("write the article");
        version = reload(version);
        took.push(t0.elapsed());
        // The rest of the rebuild (the pages that list the article) finishes before the next edit.
        while finished() == before {
            std::thread::sleep(Duration::from_millis(20));
        }
        version = poll(u64::MAX)["version"].as_u64().unwrap().max(version);
    }
    std::fs::write(&article, &original).expect("restore the article");
    std::thread::sleep(Duration::from_millis(500));
    let _ = Command::new("kill").args(["-INT", &server.0.id().to_string()]).status();
    let _ = server.0.wait();

    took.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| took[((took.len() as f64 - 1.0) * q).round() as usize];
    println!("article: {}", article.display());
    println!(
        "edit to reload, {} edits: median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms",
        took.len(),
        ms(at(0.5)),
        ms(at(0.9)),
        ms(took[0]),
        ms(took[took.len() - 1])
    );
    // Where the time goes, as the server measured it (median per stage).
    let lines = lines.lock().unwrap();
    let rebuilds: Vec<&String> = lines.iter().filter(|l| l.starts_with("rebuilt (articles)")).collect();
    let mut own: Vec<f64> = lines.iter().filter_map(|l| l.trim().strip_prefix("reload: ")?.rsplit_once(" (")?.1.strip_suffix(" ms)")?.parse().ok()).collect();
    own.sort_by(f64::total_cmp);
    if !own.is_empty() {
        println!("server, from the end of the quiet time to the page written and announced: median {:.1} ms", own[own.len() / 2]);
    }
    if let Some(last) = rebuilds.last() {
        println!("server, last rebuild: {last}");
    }
    let mut stages: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
    for line in &rebuilds {
        let inner = line.rsplit_once('(').map(|(_, s)| s.trim_end_matches(')')).unwrap_or_default();
        for part in inner.split(", ") {
            if let Some((name, value)) = part.rsplit_once(' ').and_then(|(rest, _)| rest.rsplit_once(' ')) {
                if let Ok(v) = value.parse::<f64>() {
                    stages.entry(name.to_string()).or_default().push(v);
                }
            }
        }
    }
    for (name, mut values) in stages {
        values.sort_by(f64::total_cmp);
        println!("  server stage {name}: median {:.1} ms", values[values.len() / 2]);
    }
}

/// The server process, stopped if the benchmark fails half-way.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
