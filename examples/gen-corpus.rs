//! `cargo run --release --example gen-corpus -- ARTICLES OUT_DIR`: write a
//! synthetic dossier for benchmarks (see `benches/corpus/mod.rs`).

#[path = "../benches/corpus/mod.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(count), Some(out)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: gen-corpus ARTICLES OUT_DIR   (e.g. gen-corpus 10000 /tmp/corpus-10k)");
        std::process::exit(2);
    };
    let out = std::path::PathBuf::from(out);
    if out.exists() {
        eprintln!("{} exists; remove it first", out.display());
        std::process::exit(2);
    }
    eprintln!("{}", corpus::generate(count, &out));
}
