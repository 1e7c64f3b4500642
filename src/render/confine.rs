//! Templates from a pull request, confined and bounded.
//!
//! A dossier's own templates are code from whoever opened the pull request,
//! run by the build in CI and by the live preview. Tera 1 has no notion of
//! fuel: a template that includes itself or a macro that calls itself
//! overflows the stack, and a loop that doubles a string allocates until the
//! process dies. A thread cannot be stopped from outside in Rust, so a
//! watchdog thread with a time limit would leave the runaway render running
//! (and allocating) in the background. Instead the templates are made
//! bounded before they run, and every render carries a budget it checks at
//! points it cannot avoid:
//!
//! 1. **Static checks on Tera's parsed templates** (their AST), before any
//!    page is rendered: no recursion (includes, `extends` and macro calls
//!    form no cycle, and no chain is deeper than [`MAX_CALL_DEPTH`]), bounded
//!    nesting in the source (Tera's parser recurses), and the `| safe` rule:
//!    only the HTML dossier made and sanitised itself ([`SAFE_HTML`]) may be
//!    printed unescaped, and no `set`, `for` or macro parameter may bind one
//!    of those names to something else. A filter section (`{% filter %}`)
//!    prints its filter's result unescaped, so only filters that cannot turn
//!    escaped text back into markup may be used there.
//! 2. **Fuel**: the parsed templates are rewritten so that Tera calls back
//!    into dossier at every loop iteration and macro call (a `__fuel()`
//!    call), whenever it copies a value (`set`, arguments, array items and
//!    string concatenation go through `__part`), and when it prints one
//!    (`__text`, which also prints lists escaped: Tera would print them raw).
//!    Every built-in filter and function is wrapped: a filter whose result
//!    could be much larger than its input (`replace`, `indent`, `join`, ...)
//!    is refused before it runs when the result would not fit.
//! 3. **A budget per page** ([`Limits`], in proportion to the dossier's
//!    input, with floors that fit any real page): values produced, loop
//!    iterations and macro calls, page size, and time ([`DEADLINE`]). Each
//!    call-back checks it, and once it is spent every call-back fails, so the
//!    render stops within one step and the page gets a clear error.
//!
//! Between two call-backs Tera does a bounded amount of work (one
//! expression of a template whose size and nesting are bounded), so the
//! budget holds for any template. The preview server renders through the
//! same path, so it survives any template and shows the error.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tera::ast::{Expr, ExprVal, FunctionCall, MacroCall, Node};
use tera::{Context, Template, Tera, Value};

use crate::diagnostics::{Diagnostic, FileText};

/// Variables that hold HTML dossier rendered and sanitised itself; only
/// these may be printed with `| safe`, and no template may rebind them.
pub(super) const SAFE_HTML: &[&str] = &["body", "meta.jsonld", "timeline_chart", "co_chart", "sources_chart", "stylesheet"];

/// The diff report's source diff of an article (`a.highlighted`, in a loop
/// over `diff.articles`), coloured by dossier: `x.highlighted` may be
/// printed with `| safe` whatever `x` is bound to. A template cannot make an
/// object (Tera has no map literals), so the path can only reach a value
/// from a context, and only the report's articles have a `highlighted` key.
fn is_highlighted_source(name: &str) -> bool {
    matches!(name.split('.').collect::<Vec<_>>()[..], [x, "highlighted"] if !x.contains(['[', ']']))
}

/// Filters whose result is safe to print unescaped after escaped text went
/// in: they change case, trim, shorten or count, or add fixed markup.
const SECTION_FILTERS: &[&str] =
    &["upper", "lower", "capitalize", "title", "trim", "trim_start", "trim_end", "truncate", "wordcount", "striptags", "spaceless", "linebreaksbr", "safe"];

/// Longest chain of includes, parent templates and macro calls.
const MAX_CALL_DEPTH: usize = 32;
/// Deepest nesting of blocks (`if`, `for`, ...) and of brackets in a tag.
const MAX_NESTING: usize = 64;
/// Longest list `range()` makes.
const MAX_RANGE: u64 = 100_000;
/// Longest time one page may take. A safety net: the budgets above stop
/// runaway templates long before, and deterministically.
const DEADLINE: Duration = Duration::from_secs(60);

/// The checks of step 1 on every template (by name, with its source):
/// each problem with the template's file and, where it can be found, line.
pub(super) fn check(sources: &BTreeMap<String, String>, parsed: &BTreeMap<String, Template>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let rebound = rebound_names(parsed);
    for (name, template) in parsed {
        let source = sources.get(name).map(String::as_str).unwrap_or_default();
        let file = FileText::new(format!("templates/{name}"), source);
        let mut found = Vec::new();
        visit_nodes(&template.ast, &mut |node| unsafe_output(node, &mut found));
        for (what, needle) in found {
            problems.push(locate(&file, &needle, Diagnostic::error(file.path.clone(), what)).with_hint(format!(
                "article and registry text is untrusted; only {} and the diff report's `a.highlighted` may be printed with `| safe`",
                SAFE_HTML.join(", ")
            )));
        }
        for (binding, needle) in rebound.get(name).into_iter().flatten() {
            problems.push(
                locate(&file, needle, Diagnostic::error(file.path.clone(), format!("{binding} would replace the sanitised HTML that `| safe` prints")))
                    .with_hint(format!("{} are printed unescaped; give the variable another name", SAFE_HTML.join(", "))),
            );
        }
    }
    problems.extend(call_cycles(parsed));
    problems
}

/// Refuse a template nested deeper than [`MAX_NESTING`] before Tera's
/// parser (which recurses) sees it.
pub(super) fn check_nesting(name: &str, source: &str) -> Result<(), Diagnostic> {
    let file = FileText::new(format!("templates/{name}"), source);
    let mut blocks = 0usize;
    let mut rest = 0;
    while let Some(open) = source[rest..].find('{').map(|i| rest + i) {
        let close_mark = match source[open + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                rest = open + 1;
                continue;
            }
        };
        let Some(close) = source[open + 2..].find(close_mark).map(|i| open + 2 + i) else { break };
        let inside = &source[open + 2..close];
        rest = close + 2;
        if close_mark == "#}" {
            continue;
        }
        let mut depth = 0usize;
        for c in inside.chars() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > MAX_NESTING {
                return Err(too_deep(&file, open..close + 2, "brackets"));
            }
        }
        let word = inside.trim_matches(|c: char| c == '-' || c.is_whitespace()).split_whitespace().next().unwrap_or("");
        if close_mark == "%}" {
            if matches!(word, "if" | "for" | "block" | "macro" | "filter" | "raw") {
                blocks += 1;
            } else if word.starts_with("end") {
                blocks = blocks.saturating_sub(1);
            }
            if blocks > MAX_NESTING {
                return Err(too_deep(&file, open..close + 2, "blocks"));
            }
        }
    }
    Ok(())
}

fn too_deep(file: &Arc<FileText>, span: std::ops::Range<usize>, what: &str) -> Diagnostic {
    Diagnostic::error_at(file, span, format!("{what} nested more than {MAX_NESTING} deep")).with_hint("a template this deep is not a page layout; flatten it")
}

/// Point `diagnostic` at the first tag of `file` that contains `needle`.
fn locate(file: &Arc<FileText>, needle: &str, diagnostic: Diagnostic) -> Diagnostic {
    let text = &file.text;
    let mut rest = 0;
    while let Some(open) = text[rest..].find('{').map(|i| rest + i) {
        let close = match text[open + 1..].chars().next() {
            Some('{') => text[open..].find("}}"),
            Some('%') => text[open..].find("%}"),
            _ => None,
        };
        let Some(close) = close.map(|i| open + i + 2) else {
            rest = open + 1;
            continue;
        };
        if text[open..close].split_whitespace().collect::<Vec<_>>().join(" ").contains(needle) {
            return diagnostic.at(file, open..close);
        }
        rest = close;
    }
    diagnostic
}

/// Every node of a body, depth first, with the bodies of blocks, loops,
/// conditions, macros and filter sections.
fn visit_nodes<'a>(nodes: &'a [Node], f: &mut dyn FnMut(&'a Node)) {
    for node in nodes {
        f(node);
        for body in child_bodies(node) {
            visit_nodes(body, f);
        }
    }
}

fn child_bodies(node: &Node) -> Vec<&Vec<Node>> {
    match node {
        Node::MacroDefinition(_, m, _) => vec![&m.body],
        Node::FilterSection(_, s, _) => vec![&s.body],
        Node::Block(_, b, _) => vec![&b.body],
        Node::Forloop(_, f, _) => std::iter::once(&f.body).chain(f.empty_body.as_ref()).collect(),
        Node::If(i, _) => i.conditions.iter().map(|(_, _, body)| body).chain(i.otherwise.as_ref().map(|(_, body)| body)).collect(),
        _ => Vec::new(),
    }
}

/// `| safe` on anything but a name of [`SAFE_HTML`], and filter sections
/// with a filter that could undo escaping: (message, text to find it by).
fn unsafe_output(node: &Node, found: &mut Vec<(String, String)>) {
    match node {
        Node::VariableBlock(_, expr) => {
            let safe_anywhere = expr.filters.iter().any(|f| f.name == "safe") || expr_has_inner_safe(expr);
            let allowed = matches!(&expr.val, ExprVal::Ident(name) if SAFE_HTML.contains(&name.as_str()) || is_highlighted_source(name))
                && expr.filters.len() == 1
                && expr.filters[0].name == "safe"
                && !expr.negated;
            if safe_anywhere && !allowed {
                let shown = match &expr.val {
                    ExprVal::Ident(name) => name.clone(),
                    _ => "an expression".to_string(),
                };
                found.push((format!("`| safe` prints `{shown}` without HTML escaping"), "safe".into()));
            }
        }
        Node::FilterSection(_, section, _) if !SECTION_FILTERS.contains(&section.filter.name.as_str()) => {
            found.push((format!("`{{% filter {} %}}` prints its result without HTML escaping", section.filter.name), format!("filter {}", section.filter.name)))
        }
        _ => {}
    }
}

/// `| safe` inside an expression (an argument, an array item): never needed.
fn expr_has_inner_safe(expr: &Expr) -> bool {
    let mut found = false;
    let mut visit = |e: &Expr| found |= e.filters.iter().any(|f| f.name == "safe");
    for f in &expr.filters {
        f.args.values().for_each(|a| visit_expr(a, &mut visit));
    }
    inner_exprs(&expr.val).into_iter().for_each(|e| visit_expr(e, &mut visit));
    found
}

fn visit_expr<'a>(expr: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    f(expr);
    for filter in &expr.filters {
        for arg in filter.args.values() {
            visit_expr(arg, f);
        }
    }
    for inner in inner_exprs(&expr.val) {
        visit_expr(inner, f);
    }
}

/// The expressions directly inside a value.
fn inner_exprs(val: &ExprVal) -> Vec<&Expr> {
    match val {
        ExprVal::Math(m) => vec![&m.lhs, &m.rhs],
        ExprVal::Logic(l) => vec![&l.lhs, &l.rhs],
        ExprVal::In(i) => vec![&i.lhs, &i.rhs],
        ExprVal::Test(t) => t.args.iter().collect(),
        ExprVal::MacroCall(m) => m.args.values().collect(),
        ExprVal::FunctionCall(f) => f.args.values().collect(),
        ExprVal::Array(items) => items.iter().collect(),
        ExprVal::StringConcat(c) => c
            .values
            .iter()
            .filter_map(|v| match v {
                ExprVal::FunctionCall(f) => Some(f.args.values()),
                _ => None,
            })
            .flatten()
            .collect(),
        _ => Vec::new(),
    }
}

/// Every expression of a body (conditions, loop lists, `set` values, macro
/// defaults, printed values), for [`visit_expr`].
fn body_exprs<'a>(nodes: &'a [Node], f: &mut dyn FnMut(&'a Expr)) {
    visit_nodes(nodes, &mut |node| match node {
        Node::VariableBlock(_, e) => visit_expr(e, f),
        Node::Set(_, s) => visit_expr(&s.value, f),
        Node::Forloop(_, l, _) => visit_expr(&l.container, f),
        Node::If(i, _) => i.conditions.iter().for_each(|(_, e, _)| visit_expr(e, f)),
        Node::MacroDefinition(_, m, _) => m.args.values().flatten().for_each(|e| visit_expr(e, f)),
        Node::FilterSection(_, s, _) => s.filter.args.values().for_each(|e| visit_expr(e, f)),
        _ => {}
    });
}

/// Per template: the `set`s, loop variables and macro parameters that
/// would rebind a name of [`SAFE_HTML`] (`{% set body = article.title %}`
/// and then `{{ body | safe }}`), as (what, text to find it by).
fn rebound_names(parsed: &BTreeMap<String, Template>) -> BTreeMap<String, Vec<(String, String)>> {
    let protected: BTreeSet<&str> = SAFE_HTML.iter().map(|n| n.split('.').next().unwrap_or(n)).collect();
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (name, template) in parsed {
        let mut found = Vec::new();
        visit_nodes(&template.ast, &mut |node| match node {
            Node::Set(_, set) if protected.contains(set.key.as_str()) => {
                let tag = if set.global { "set_global" } else { "set" };
                found.push((format!("`{{% {tag} {} %}}`", set.key), format!("{tag} {}", set.key)));
            }
            Node::Forloop(_, l, _) => {
                for var in std::iter::once(&l.value).chain(l.key.as_ref()).filter(|v| protected.contains(v.as_str())) {
                    found.push((format!("the loop variable `{var}`"), format!("for {var}")));
                }
            }
            Node::MacroDefinition(_, m, _) => {
                for arg in m.args.keys().filter(|a| protected.contains(a.as_str())) {
                    found.push((format!("the parameter `{arg}` of macro `{}`", m.name), format!("macro {}", m.name)));
                }
            }
            _ => {}
        });
        if !found.is_empty() {
            out.insert(name.clone(), found);
        }
    }
    out
}

/// A node of the call graph: a template, or a macro of a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Callee {
    Template(String),
    Macro(String, String),
}

impl std::fmt::Display for Callee {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Callee::Template(t) => write!(f, "{t}"),
            Callee::Macro(t, m) => write!(f, "macro {m} of {t}"),
        }
    }
}

/// What each template and macro includes, extends or calls. Macro
/// namespaces resolve to the files imported under that name anywhere.
fn call_graph(parsed: &BTreeMap<String, Template>) -> BTreeMap<Callee, BTreeSet<Callee>> {
    let mut namespaces: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for template in parsed.values() {
        for (file, namespace) in &template.imported_macro_files {
            namespaces.entry(namespace.as_str()).or_default().insert(file.as_str());
        }
    }
    let calls = |file: &str, body: &[Node]| -> BTreeSet<Callee> {
        let mut out = BTreeSet::new();
        visit_nodes(body, &mut |node| match node {
            Node::Include(_, names, _) => out.extend(names.iter().map(|n| Callee::Template(n.clone()))),
            Node::Extends(_, parent) => {
                out.insert(Callee::Template(parent.clone()));
            }
            _ => {}
        });
        body_exprs(body, &mut |expr| {
            if let ExprVal::MacroCall(MacroCall { namespace, name, .. }) = &expr.val {
                let files: Vec<&str> =
                    if namespace == "self" { vec![file] } else { namespaces.get(namespace.as_str()).into_iter().flatten().copied().collect() };
                out.extend(files.into_iter().map(|f| Callee::Macro(f.to_string(), name.clone())));
            }
        });
        out
    };
    let mut graph = BTreeMap::new();
    for (name, template) in parsed {
        // A template's own body, without its macro definitions (only run when called).
        let body: Vec<Node> = template.ast.iter().filter(|n| !matches!(n, Node::MacroDefinition(..))).cloned().collect();
        graph.insert(Callee::Template(name.clone()), calls(name, &body));
        for (macro_name, definition) in &template.macros {
            graph.insert(Callee::Macro(name.clone(), macro_name.clone()), calls(name, &definition.body));
        }
    }
    graph
}

/// A cycle of includes, parents or macro calls (a template that includes
/// itself, a macro that calls itself) would recurse until the stack
/// overflows; a chain deeper than [`MAX_CALL_DEPTH`] nearly as well.
fn call_cycles(parsed: &BTreeMap<String, Template>) -> Vec<Diagnostic> {
    let graph = call_graph(parsed);
    // Longest chain from each node, found depth first with an explicit
    // stack (the graph is the attacker's too); a node met again while still
    // open closes a cycle.
    let mut depth: BTreeMap<&Callee, usize> = BTreeMap::new();
    let mut open: BTreeSet<&Callee> = BTreeSet::new();
    let mut problems = Vec::new();
    for start in graph.keys() {
        if depth.contains_key(start) {
            continue;
        }
        let mut stack: Vec<(&Callee, Vec<&Callee>)> = vec![(start, graph[start].iter().filter(|c| graph.contains_key(*c)).collect())];
        open.insert(start);
        while let Some((node, pending)) = stack.last_mut() {
            let node: &Callee = node;
            match pending.pop() {
                Some(next) if open.contains(next) => {
                    let mut chain: Vec<String> = stack.iter().map(|(n, _)| n.to_string()).skip_while(|n| *n != next.to_string()).collect();
                    chain.push(next.to_string());
                    let file = match next {
                        Callee::Template(t) | Callee::Macro(t, _) => format!("templates/{t}"),
                    };
                    problems.push(
                        Diagnostic::error(file, format!("templates call each other in a circle: {}", chain.join(" -> ")))
                            .with_hint("a template or macro that includes or calls itself never ends; Tera would overflow its stack"),
                    );
                    return problems;
                }
                Some(next) if depth.contains_key(next) => {}
                Some(next) => {
                    open.insert(next);
                    stack.push((next, graph[next].iter().filter(|c| graph.contains_key(*c)).collect()));
                }
                None => {
                    let longest = graph[node].iter().filter_map(|c| depth.get(c)).max().map_or(0, |d| d + 1);
                    if longest > MAX_CALL_DEPTH {
                        problems.push(
                            Diagnostic::error(
                                format!("templates/{}", callee_file(node)),
                                format!("{node} starts a chain of {longest} includes and macro calls"),
                            )
                            .with_hint(format!("at most {MAX_CALL_DEPTH} are allowed; call fewer levels deep")),
                        );
                        return problems;
                    }
                    depth.insert(node, longest);
                    open.remove(node);
                    stack.pop();
                }
            }
        }
    }
    problems
}

fn callee_file(callee: &Callee) -> &str {
    match callee {
        Callee::Template(t) | Callee::Macro(t, _) => t,
    }
}

/// Step 2: have Tera call back at every loop iteration and macro call,
/// every copied value and every printed one.
pub(super) fn instrument(template: &mut Template) {
    instrument_nodes(&mut template.ast);
    for block in template.blocks.values_mut() {
        instrument_nodes(&mut block.body);
    }
    for definition in template.macros.values_mut() {
        instrument_macro(definition);
    }
}

fn instrument_macro(definition: &mut tera::ast::MacroDefinition) {
    for default in definition.args.values_mut().flatten() {
        instrument_expr(default);
    }
    instrument_nodes(&mut definition.body);
    definition.body.insert(0, fuel(&definition.body));
}

fn instrument_nodes(nodes: &mut [Node]) {
    for node in nodes {
        match node {
            Node::VariableBlock(_, expr) => {
                instrument_expr(expr);
                // A macro's output is already escaped inside; a `| safe` value is allowed HTML.
                if !matches!(expr.val, ExprVal::MacroCall(_)) && !expr.is_marked_safe() {
                    expr.filters.push(call("__text"));
                }
            }
            Node::MacroDefinition(_, definition, _) => instrument_macro(definition),
            Node::Set(_, set) => {
                instrument_expr(&mut set.value);
                set.value.filters.push(call("__part"));
            }
            Node::FilterSection(_, section, _) => {
                section.filter.args.values_mut().for_each(instrument_arg);
                instrument_nodes(&mut section.body);
            }
            Node::Block(_, block, _) => instrument_nodes(&mut block.body),
            Node::Forloop(_, l, _) => {
                instrument_expr(&mut l.container);
                instrument_nodes(&mut l.body);
                l.body.insert(0, fuel(&l.body));
                if let Some(empty) = &mut l.empty_body {
                    instrument_nodes(empty);
                }
            }
            Node::If(i, _) => {
                for (_, condition, body) in &mut i.conditions {
                    instrument_expr(condition);
                    instrument_nodes(body);
                }
                if let Some((_, body)) = &mut i.otherwise {
                    instrument_nodes(body);
                }
            }
            _ => {}
        }
    }
}

/// Arguments are copied by Tera: each is weighed first.
fn instrument_arg(arg: &mut Expr) {
    instrument_expr(arg);
    arg.filters.push(call("__part"));
}

fn instrument_expr(expr: &mut Expr) {
    for filter in &mut expr.filters {
        filter.args.values_mut().for_each(instrument_arg);
    }
    match &mut expr.val {
        ExprVal::Math(m) => {
            instrument_expr(&mut m.lhs);
            instrument_expr(&mut m.rhs);
        }
        ExprVal::Logic(l) => {
            instrument_expr(&mut l.lhs);
            instrument_expr(&mut l.rhs);
        }
        ExprVal::In(i) => {
            instrument_expr(&mut i.lhs);
            instrument_expr(&mut i.rhs);
        }
        ExprVal::Test(t) => t.args.iter_mut().for_each(instrument_expr),
        ExprVal::MacroCall(m) => m.args.values_mut().for_each(instrument_arg),
        ExprVal::FunctionCall(f) => f.args.values_mut().for_each(instrument_arg),
        ExprVal::Array(items) => items.iter_mut().for_each(instrument_arg),
        ExprVal::StringConcat(concat) => {
            for value in &mut concat.values {
                match value {
                    // Each part is weighed before it is appended.
                    ExprVal::Ident(name) => {
                        let args = HashMap::from([("v".to_string(), Expr::new(ExprVal::Ident(std::mem::take(name))))]);
                        *value = ExprVal::FunctionCall(FunctionCall { name: "__part".into(), args });
                    }
                    ExprVal::FunctionCall(f) => f.args.values_mut().for_each(instrument_arg),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

fn call(name: &str) -> FunctionCall {
    FunctionCall { name: name.into(), args: HashMap::new() }
}

/// `{{ __fuel(text=N) }}`: one step, and the N bytes of text the body it
/// starts writes each time.
fn fuel(body: &[Node]) -> Node {
    let mut text = 0i64;
    visit_nodes(body, &mut |node| {
        if let Node::Text(t) | Node::Raw(_, t, _) = node {
            text += t.len() as i64;
        }
    });
    let args = HashMap::from([("text".to_string(), Expr::new(ExprVal::Int(text)))]);
    Node::VariableBlock(Default::default(), Expr::new(ExprVal::FunctionCall(FunctionCall { name: "__fuel".into(), args })))
}

/// What one page may cost. The largest real pages are listings of every
/// article (7 MB for 10,000 articles), so the limits grow with the input.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Values produced, all together (bytes).
    produced: u64,
    /// Bytes of the page.
    page: u64,
    /// Loop iterations and macro calls.
    steps: u64,
}

impl Limits {
    /// The limits for a dossier of `input_bytes`.
    pub(super) fn of(input_bytes: u64) -> Limits {
        Limits { produced: (128 << 20u64).max(input_bytes.saturating_mul(4)), page: (32 << 20u64).max(input_bytes), steps: 5_000_000u64.max(input_bytes / 16) }
    }
}

/// Step 3: the budget of the page being rendered on this thread.
struct Budget {
    limits: Limits,
    started: Instant,
    produced: u64,
    steps: u64,
    page: u64,
    /// Charges so far: the clock is read every [`CLOCK_EVERY`] of them,
    /// not at each (reading it was 4 % of a 10k build's CPU).
    charges: u64,
    /// Why it is spent, once it is.
    spent: Option<String>,
}

/// How many charges pass between two readings of the clock: a step is
/// microseconds, so the deadline is still seen within a millisecond or so.
const CLOCK_EVERY: u64 = 256;

thread_local! {
    static BUDGET: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Count `produced` bytes and one step when `step`; the reason the budget
/// is spent, if it is. Outside a render (no budget), nothing is counted.
fn charge(produced: u64, step: bool) -> Result<(), String> {
    BUDGET.with(|b| {
        let mut b = b.borrow_mut();
        let Some(budget) = b.as_mut() else { return Ok(()) };
        if budget.spent.is_none() {
            budget.produced = budget.produced.saturating_add(produced);
            budget.steps += u64::from(step);
            budget.charges += 1;
            let limits = budget.limits;
            budget.spent = if budget.produced > limits.produced {
                Some(format!("the template produced more than {} MiB of values for this page (a loop that keeps growing a value?)", limits.produced >> 20))
            } else if budget.steps > limits.steps {
                Some(format!("the template ran more than {} loop iterations and macro calls for this page", limits.steps))
            } else if budget.charges % CLOCK_EVERY == 0 && budget.started.elapsed() > DEADLINE {
                Some(format!("the template took longer than {} s to render this page", DEADLINE.as_secs()))
            } else {
                None
            };
        }
        budget.spent.clone().map_or(Ok(()), Err)
    })
}

/// Whether `more` bytes would fit in what is left of the budget.
fn fits(more: u64) -> Result<(), String> {
    BUDGET.with(|b| match b.borrow().as_ref() {
        Some(budget) if budget.produced.saturating_add(more) > budget.limits.produced => {
            Err(format!("a filter's result would exceed the {} MiB budget of values for this page", budget.limits.produced >> 20))
        }
        _ => Ok(()),
    })
}

/// Render `template` with `context` within a fresh budget.
pub(super) fn render(tera: &Tera, limits: Limits, template: &str, context: &Context) -> Result<Vec<u8>, tera::Error> {
    BUDGET.with(|b| *b.borrow_mut() = Some(Budget { limits, started: Instant::now(), produced: 0, steps: 0, page: 0, charges: 0, spent: None }));
    let mut page = Page(Vec::new());
    // A bug in the engine must not take the build (or the preview) down with it.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tera.render_to(template, context, &mut page)));
    let budget = BUDGET.with(|b| b.borrow_mut().take());
    if let Some(spent) = budget.and_then(|b| b.spent) {
        return Err(tera::Error::msg(spent));
    }
    match result {
        Ok(Ok(())) => Ok(page.0),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(tera::Error::msg("the template engine failed (a panic) while rendering this page")),
    }
}

/// The page being written: counted against [`Limits::page`].
struct Page(Vec<u8>);

impl std::io::Write for Page {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let over = BUDGET.with(|b| {
            let mut b = b.borrow_mut();
            let budget = b.as_mut()?;
            budget.page += buf.len() as u64;
            if budget.page > budget.limits.page && budget.spent.is_none() {
                budget.spent = Some(format!("the page would be larger than {} MiB", budget.limits.page >> 20));
            }
            budget.spent.clone()
        });
        if let Some(why) = over {
            return Err(std::io::Error::other(why));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The escaping of every printed value: counted, and nothing more is
/// printed once the budget is spent (the next call-back then fails).
pub(super) fn escape(text: &str) -> String {
    if charge(text.len() as u64, false).is_err() {
        return String::new();
    }
    crate::text::escape_html_str(text)
}

/// Bytes a value holds, roughly (strings by length, containers by their
/// items plus a little each), and how deep it nests: walked with a stack.
fn weigh(value: &Value) -> (u64, usize) {
    let mut bytes = 0u64;
    let mut deepest = 0;
    let mut todo = vec![(value, 1usize)];
    while let Some((v, depth)) = todo.pop() {
        deepest = deepest.max(depth);
        bytes += 16;
        match v {
            Value::String(s) => bytes += s.len() as u64,
            Value::Array(items) => todo.extend(items.iter().map(|i| (i, depth + 1))),
            Value::Object(map) => {
                for (k, i) in map {
                    bytes += k.len() as u64;
                    todo.push((i, depth + 1));
                }
            }
            _ => {}
        }
    }
    (bytes, deepest)
}

/// `__part`: a value about to be copied, weighed; too deep a value (a list
/// wrapped in itself in a loop) is refused before printing or dropping it
/// could recurse.
fn part(value: &Value) -> tera::Result<Value> {
    let (bytes, depth) = weigh(value);
    if depth > MAX_NESTING {
        return Err(tera::Error::msg(format!("a value nested more than {MAX_NESTING} deep")));
    }
    charge(bytes, false).map_err(tera::Error::msg)?;
    Ok(value.clone())
}

/// `__text`: a printed value as the text Tera would print, so that lists
/// are escaped like everything else (Tera prints them raw).
fn text(value: &Value) -> tera::Result<Value> {
    let mut out = String::new();
    let mut todo: Vec<Result<&Value, &str>> = vec![Ok(value)];
    while let Some(item) = todo.pop() {
        match item {
            Err(s) => out.push_str(s),
            Ok(Value::String(s)) => out.push_str(s),
            Ok(Value::Null) => {}
            Ok(Value::Object(_)) => out.push_str("[object]"),
            Ok(Value::Array(items)) => {
                todo.push(Err("]"));
                for (i, item) in items.iter().enumerate().rev() {
                    todo.push(Ok(item));
                    if i > 0 {
                        todo.push(Err(", "));
                    }
                }
                todo.push(Err("["));
            }
            Ok(Value::Number(n)) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => out.push_str(&i.to_string()),
                (_, Some(u), _) => out.push_str(&u.to_string()),
                (_, _, Some(f)) => out.push_str(&f.to_string()),
                _ => {}
            },
            Ok(other) => out.push_str(&other.to_string()),
        }
        charge(0, false).map_err(tera::Error::msg)?;
        fits(out.len() as u64).map_err(tera::Error::msg)?;
    }
    charge(out.len() as u64, false).map_err(tera::Error::msg)?;
    Ok(Value::String(out))
}

/// A built-in filter, weighed: refused before it runs when its result could
/// not fit the budget, and its result counted.
struct Guarded {
    name: String,
    inner: Arc<dyn tera::Filter>,
}

impl tera::Filter for Guarded {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        charge(0, false).map_err(tera::Error::msg)?;
        fits(largest_result(&self.name, value, args)).map_err(tera::Error::msg)?;
        let result = self.inner.filter(value, args)?;
        charge(weigh(&result).0, false).map_err(tera::Error::msg)?;
        Ok(result)
    }

    fn is_safe(&self) -> bool {
        self.inner.is_safe()
    }
}

/// The most bytes filter `name` can make from `value` and `args`. Only the
/// filters that make something larger than what they are given need a
/// bound; the others make at most what they take (counted afterwards).
fn largest_result(name: &str, value: &Value, args: &HashMap<String, Value>) -> u64 {
    let len = |v: Option<&Value>| v.and_then(Value::as_str).map_or(0, str::len) as u64;
    let s = value.as_str().map_or(0, str::len) as u64;
    match name {
        "replace" => s + (s / len(args.get("from")).max(1) + 1) * len(args.get("to")),
        "indent" => s + (value.as_str().map_or(0, |t| t.matches('\n').count()) as u64 + 1) * len(args.get("prefix")).max(4),
        "join" => value.as_array().map_or(0, |items| items.iter().map(|i| weigh(i).0 + len(args.get("sep"))).sum()),
        "truncate" => s + len(args.get("end")) + 3,
        "split" => s + 64 * (s / len(args.get("pat")).max(1) + 1),
        "date" => 16 * (len(args.get("format")) + 16),
        "json_encode" | "as_str" => {
            let (bytes, depth) = weigh(value);
            bytes * (8 + 2 * depth as u64)
        }
        "concat" => weigh(value).0 + args.get("with").map_or(0, |w| weigh(w).0),
        "pluralize" => len(args.get("singular")) + len(args.get("plural")) + 1,
        // Escaping, case mapping and line breaks grow text by a small factor.
        _ => 8 * s,
    }
}

/// A built-in function, with the deadline checked and `range` bounded.
struct GuardedFunction {
    name: String,
    inner: Arc<dyn tera::Function>,
}

impl tera::Function for GuardedFunction {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        charge(0, false).map_err(tera::Error::msg)?;
        if self.name == "range" {
            let n = |k: &str, default: u64| args.get(k).and_then(Value::as_u64).unwrap_or(default);
            let (start, end, step) = (n("start", 0), n("end", 0), n("step_by", 1).max(1));
            if end.saturating_sub(start) / step > MAX_RANGE {
                return Err(tera::Error::msg(format!("range() would make more than {MAX_RANGE} numbers")));
            }
        }
        let result = self.inner.call(args)?;
        charge(weigh(&result).0, false).map_err(tera::Error::msg)?;
        Ok(result)
    }

    fn is_safe(&self) -> bool {
        self.inner.is_safe()
    }
}

/// Wrap Tera's filters and functions and add the call-backs step 2 inserts.
pub(super) fn install(tera: &mut Tera) {
    let filters: Vec<(String, Arc<dyn tera::Filter>)> = tera.filters.iter().map(|(n, f)| (n.clone(), f.clone())).collect();
    for (name, inner) in filters {
        tera.register_filter(&name.clone(), Guarded { name, inner });
    }
    let functions: Vec<(String, Arc<dyn tera::Function>)> = tera.functions.iter().map(|(n, f)| (n.clone(), f.clone())).collect();
    for (name, inner) in functions {
        tera.register_function(&name.clone(), GuardedFunction { name, inner });
    }
    tera.register_filter("__part", |value: &Value, _: &HashMap<String, Value>| part(value));
    tera.register_filter("__text", |value: &Value, _: &HashMap<String, Value>| text(value));
    tera.register_function("__part", |args: &HashMap<String, Value>| part(args.get("v").unwrap_or(&Value::Null)));
    tera.register_function("__fuel", |args: &HashMap<String, Value>| {
        charge(args.get("text").and_then(Value::as_u64).unwrap_or(0), true).map_err(tera::Error::msg)?;
        Ok(Value::String(String::new()))
    });
}
