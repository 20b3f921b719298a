//! Browser timings of the release build (issue 5): navigation to the interactive Permissions
//! matrix, and a grant toggle on it, on the organisation of the other benchmarks
//! (`generated_organisation(2000, 20, 5000)`). It prints figures and asserts nothing about them.
//!
//! `cargo run --release -p studio-access-e2e --bin perf` (`bash .ci/bench` runs it), after
//! `trunk build --release`; it needs chromedriver and Chromium like the end-to-end tests.
//! `PERF_RUNS` sets the page loads per figure (default 7), `PERF_TOGGLES` the toggles (default 15).
//!
//! Every time is read in the page: a load runs from the navigation's start
//! (`performance.timeOrigin`) to the `matrix-interactive` mark the grid sets once it is in the
//! document with its handlers, and to the first contentful paint; a toggle runs from just before
//! `cell.click()` to the frame after, and where a click only stages the grant, "Review…" and
//! "Apply" are timed the same way. Real (WebDriver) clicks are timed too, by the browser's Event
//! Timing, whose handler time includes the reactive updates a click runs in microtasks (a
//! script's `click()` returns before those).

use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use studio_access_core::sample::{generated_organisation, wide_organisation};
use studio_access_core::{Date, persist};
use studio_access_e2e::{
    Browser, HarnessError, PATIENCE, STORAGE_KEY, Screen, StaticHost, dist_dir, test_id_selector,
};

/// The workspace shown: its first rows (roles, sorted first) are members that hold no page
/// permission, so a click on one of their page cells grants.
const WORKSPACE: &str = "ws-0010";
/// The cell toggled: a role that is a member of [`WORKSPACE`], on a grantable page.
const CELL: &str = "cell-role-role-000009-ws-0010-Playground-FullAccess";
/// How long one load of the large organisation may take before the run gives up: four times the
/// tests' patience.
const LOAD_PATIENCE: Duration = PATIENCE.saturating_mul(4);

/// Reads the load's timings once the matrix is there: the mark if the build sets it, else the
/// moment this probe saw rows (an upper bound, as late as the polling).
const LOAD_PROBE: &str = r#"
const mark = performance.getEntriesByName('matrix-interactive', 'mark')[0];
const grid = document.querySelector('[data-testid="matrix-body"] [role="row"], [data-testid="matrix-empty"]');
if (!mark && !grid) return null;
// The body is empty until the app mounts, and it mounts in one go: the first contentful paint is
// the first frame that shows the matrix. Wait for it (a moment at most).
if (!performance.getEntriesByName('first-contentful-paint').length && !window.__perfNoPaint) {
  window.__perfWaits = (window.__perfWaits || 0) + 1;
  if (window.__perfWaits < 100) return null;
  window.__perfNoPaint = true;
}
const nav = performance.getEntriesByType('navigation')[0] || {};
const wasm = performance.getEntriesByType('resource').find(r => r.name.endsWith('.wasm'));
return {
  mark: mark ? mark.startTime : null,
  seen: performance.now(),
  origin: performance.timeOrigin,
  response: nav.responseEnd ?? null,
  dom_content_loaded: nav.domContentLoadedEventEnd ?? null,
  load: nav.loadEventEnd ?? null,
  wasm: wasm ? wasm.responseEnd : null,
  paint: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null,
  marks: Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime])),
  rows: document.querySelectorAll('[data-testid="matrix-body"] [role="row"]').length,
};
"#;

/// Clicks a cell (or button) from script and times it: the click's own script, the next
/// animation frame (everything the click queued has run), a message posted from that frame
/// (the frame has been painted) and the animation frame after that.
const CLICK_PROBE: &str = r#"
const [selector, watched, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const target = document.querySelector(selector);
if (!target) { done({ error: 'nothing matches ' + selector }); return; }
const read = () => { const w = document.querySelector(watched); return w ? w.getAttribute('data-granted') : null; };
window.__perfLong = [];
const before = read();
const t0 = performance.now();
target.click();
const script = performance.now() - t0;
requestAnimationFrame(() => {
  const frame = performance.now() - t0;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const painted = performance.now() - t0;
    requestAnimationFrame(() => {
      const next = performance.now() - t0;
      done({ script, frame, painted, next, before, after: read() });
    });
  };
  channel.port2.postMessage(0);
});
"#;

/// Long tasks (over 50 ms) from now on, kept in the page for [`LONG_TASKS`].
const WATCH_LONG_TASKS: &str = r#"
window.__perfLong = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__perfLong.push(e.duration);
}).observe({ type: 'longtask' });
window.__perfEvents = [];
// What each click was on, by its time stamp (an entry loses its target once the control is gone).
window.__perfTargets = new Map();
document.addEventListener('click', e => {
  const owner = e.target && e.target.closest ? e.target.closest('[data-testid]') : null;
  window.__perfTargets.set(e.timeStamp, owner ? owner.getAttribute('data-testid') : '');
}, true);
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    if (e.name === 'click') window.__perfEvents.push({
      target: window.__perfTargets.get(e.startTime) ?? '',
      duration: e.duration, processing: e.processingEnd - e.processingStart });
  }
}).observe({ type: 'event', durationThreshold: 16, buffered: false });
"#;
const LONG_TASKS: &str = "return window.__perfLong || [];";

/// Clicks a navigation link from script and times the visit: the click's own script, and the
/// first animation frame in which the screen's element (`arguments[1]`) is in the document.
const VISIT_PROBE: &str = r#"
const [link, shown, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const target = document.querySelector(link);
if (!target) { done({ error: 'nothing matches ' + link }); return; }
const t0 = performance.now();
target.click();
const script = performance.now() - t0;
const look = () => {
  if (document.querySelector(shown)) { done({ script, shown: performance.now() - t0 }); return; }
  if (performance.now() - t0 > 10000) { done({ error: 'never shown: ' + shown }); return; }
  requestAnimationFrame(look);
};
requestAnimationFrame(look);
"#;

/// How many screens' own modules the page has fetched (0 for an unsplit build).
const SCREENS_FETCHED: &str = r#"
return performance.getEntriesByType('resource').filter(r => /\/split___\w+\.wasm$/.test(r.name)).length;
"#;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("perf: {error}");
            ExitCode::FAILURE
        }
    }
}

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

async fn run() -> Result<(), HarnessError> {
    let runs = env_count("PERF_RUNS", 7);
    let toggles = env_count("PERF_TOGGLES", 15);
    let dist = dist_dir();
    if !dist.join("index.html").is_file() {
        return Err(HarnessError::MissingDist(dist));
    }
    // A file of the site that is not the app: a page at the site's origin to seed storage from.
    let stylesheet = std::fs::read_dir(&dist)
        .map_err(|source| HarnessError::Start {
            what: format!("reading {}", dist.display()),
            source,
        })?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".css"))
        .ok_or_else(|| HarnessError::Timeout("a stylesheet in dist/".into()))?;
    let host = StaticHost::start(&dist, "/").map_err(|source| HarnessError::Start {
        what: "the static host".into(),
        source,
    })?;

    let today: Date = "2026-11-22"
        .parse()
        .map_err(|_| HarnessError::Timeout("a date".into()))?;
    let started = Instant::now();
    let state = generated_organisation(2_000, 20, 5_000, today);
    let envelope = persist::to_json(&state);
    println!(
        "organisation: 2,000 principals, 20 workspaces, 5,000 keys; envelope {} bytes (built in {:.0?})",
        envelope.len(),
        started.elapsed()
    );

    let matrix = format!("/?route=/matrix&workspace={WORKSPACE}");
    let mut table = Table::default();

    // An empty account: storage cleared before every load. The first load is cold.
    let browser = Browser::start().await?;
    let client = browser.client();
    client.goto(&host.url(&format!("/{stylesheet}"))).await?;
    let mut empty = Vec::new();
    for _ in 0..runs {
        client
            .execute("window.localStorage.clear();", Vec::new())
            .await?;
        empty.push(load(client, &host.url("/?route=/matrix")).await?);
    }
    browser.close().await?;

    // The large organisation, in a fresh profile: its first load is cold too.
    let browser = Browser::start().await?;
    let client = browser.client();
    client.goto(&host.url(&format!("/{stylesheet}"))).await?;
    client
        .execute(
            "window.localStorage.setItem(arguments[0], arguments[1]); return window.localStorage.getItem(arguments[0]).length;",
            vec![json!(STORAGE_KEY), json!(envelope)],
        )
        .await?;
    let mut large = Vec::new();
    for _ in 0..runs {
        large.push(load(client, &host.url(&matrix)).await?);
    }
    // A deep link arrives through 404.html, one more page load: timed from the harness's clock
    // (the request to the browser included) to the mark.
    let mut deep = Vec::new();
    for _ in 0..runs {
        let asked = epoch_millis();
        let timing = load(client, &host.url(&format!("/matrix?workspace={WORKSPACE}"))).await?;
        if let Some(interactive) = timing.interactive() {
            deep.push(timing.origin + interactive - asked);
        }
    }

    let rows = large.last().map_or(0.0, |t| t.rows);
    let marked = large.iter().all(|t| t.mark.is_some());
    let what = if marked {
        "`matrix-interactive` mark"
    } else {
        "rows seen by polling (no mark in this build: an upper bound)"
    };
    println!("loads: {runs} each; interactive = {what}; {rows} rows rendered of 2,200");
    report_loads(&mut table, "empty account", &empty, None);
    report_loads(&mut table, "2,000 principals", &large, Some("< 500 ms"));
    table.row("… deep link through 404.html (2,000 principals)", "", &deep);

    // Toggles on the large matrix, now loaded.
    let toggle = toggles_on(client, toggles).await?;
    toggle.report(&mut table);
    browser.close().await?;

    // Visits to the long tables: 3,000 users on Identities; the 5,000 keys of the organisation
    // above on API keys.
    let users = persist::to_json(&wide_organisation(3_000, 0, 1, today));
    for (state, screen, shown, what) in [
        (
            &users,
            Screen::Identities,
            "identities-table",
            "Identities, 3,000 users",
        ),
        (
            &envelope,
            Screen::ApiKeys,
            "keys-count",
            "API keys, 5,000 keys",
        ),
    ] {
        let clicks = visits(&host, &stylesheet, state, screen, shown, runs).await?;
        table.row(
            &format!("visit {what}: script of the click"),
            "",
            &clicks.script,
        );
        table.row(
            &format!("visit {what}: click → first frame that shows it"),
            "< 100 ms",
            &clicks.painted,
        );
    }

    table.print();
    Ok(())
}

/// Visits `screen` from Activity `runs` times by its navigation link, in a fresh profile whose
/// storage holds `state`, once every screen's module has arrived (an unsplit build has them all).
async fn visits(
    host: &StaticHost,
    stylesheet: &str,
    state: &str,
    screen: Screen,
    shown: &str,
    runs: usize,
) -> Result<Clicks, HarnessError> {
    let browser = Browser::start().await?;
    let client = browser.client();
    client.goto(&host.url(&format!("/{stylesheet}"))).await?;
    client
        .execute(
            "window.localStorage.setItem(arguments[0], arguments[1]);",
            vec![json!(STORAGE_KEY), json!(state)],
        )
        .await?;
    let from = Screen::Activity;
    client
        .goto(&host.url(&format!("/?route=/{}", from.segment())))
        .await?;
    let started = Instant::now();
    loop {
        let fetched = client.execute(SCREENS_FETCHED, Vec::new()).await?;
        let fetched = fetched.as_u64().unwrap_or(0);
        let unsplit = fetched == 0 && started.elapsed() > Duration::from_secs(3);
        if fetched == Screen::ALL.len() as u64 || unsplit {
            break;
        }
        if started.elapsed() > LOAD_PATIENCE {
            return Err(HarnessError::Timeout("every screen's module".into()));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut clicks = Clicks::default();
    for _ in 0..runs {
        wait_enabled(client, &from.nav_link()).await?;
        client
            .find(Locator::Css(&test_id_selector(&from.nav_link())))
            .await?
            .click()
            .await?;
        client
            .wait()
            .at_most(LOAD_PATIENCE)
            .for_element(Locator::Css(&test_id_selector("activity-counts")))
            .await?;
        let visit = client
            .execute_async(
                VISIT_PROBE,
                vec![
                    json!(test_id_selector(&screen.nav_link())),
                    json!(test_id_selector(shown)),
                ],
            )
            .await?;
        if let Some(error) = visit.get("error") {
            return Err(HarnessError::Timeout(format!("{screen:?}: {error}")));
        }
        let get = |name: &str| visit.get(name).and_then(Value::as_f64);
        if let (Some(script), Some(shown)) = (get("script"), get("shown")) {
            clicks.script.push(script);
            clicks.painted.push(shown);
        }
    }
    browser.close().await?;
    Ok(clicks)
}

/// Timings of one page load, in milliseconds from the navigation's start.
#[derive(Debug, Default)]
struct LoadTiming {
    mark: Option<f64>,
    seen: f64,
    origin: f64,
    response: Option<f64>,
    dom_content_loaded: Option<f64>,
    wasm: Option<f64>,
    /// The first contentful paint: the first frame that shows the app, matrix included.
    paint: Option<f64>,
    /// Every `performance.mark` of the page (a build with more marks splits the load further).
    marks: Vec<(String, f64)>,
    rows: f64,
}

impl LoadTiming {
    fn from(value: &Value) -> LoadTiming {
        let get = |name: &str| value.get(name).and_then(Value::as_f64);
        LoadTiming {
            mark: get("mark"),
            seen: get("seen").unwrap_or(f64::NAN),
            origin: get("origin").unwrap_or(f64::NAN),
            response: get("response"),
            dom_content_loaded: get("dom_content_loaded"),
            wasm: get("wasm"),
            paint: get("paint"),
            marks: value
                .get("marks")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(name, at)| Some((name.clone(), at.as_f64()?)))
                .collect(),
            rows: get("rows").unwrap_or(0.0),
        }
    }

    /// Navigation start to interactive: the mark, else when the probe saw the grid.
    fn interactive(&self) -> Option<f64> {
        self.mark.or(Some(self.seen)).filter(|t| t.is_finite())
    }
}

/// Loads `url` afresh and waits for the matrix (or its empty message).
async fn load(client: &Client, url: &str) -> Result<LoadTiming, HarnessError> {
    client.goto(url).await?;
    let started = Instant::now();
    loop {
        let probe = client.execute(LOAD_PROBE, Vec::new()).await?;
        if !probe.is_null() {
            return Ok(LoadTiming::from(&probe));
        }
        if started.elapsed() > LOAD_PATIENCE {
            return Err(HarnessError::Timeout(format!("the matrix at {url}")));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn report_loads(table: &mut Table, what: &str, loads: &[LoadTiming], goal: Option<&str>) {
    let interactive: Vec<f64> = loads.iter().filter_map(LoadTiming::interactive).collect();
    let painted: Vec<f64> = loads.iter().filter_map(|t| t.paint).collect();
    table.row(
        &format!("navigation → interactive matrix, {what}, first load (cold cache)"),
        "",
        interactive.get(..1).unwrap_or(&[]),
    );
    table.row(
        "… first contentful paint (the matrix shown)",
        "",
        painted.get(..1).unwrap_or(&[]),
    );
    table.row(
        &format!("navigation → interactive matrix, {what}, reloads"),
        goal.unwrap_or(""),
        interactive.get(1..).unwrap_or(&[]),
    );
    table.row(
        "… first contentful paint (the matrix shown)",
        "",
        painted.get(1..).unwrap_or(&[]),
    );
    let split = |pick: fn(&LoadTiming) -> Option<f64>| -> Vec<f64> {
        loads.iter().skip(1).filter_map(pick).collect()
    };
    for (name, values) in [
        ("… document received", split(|t| t.response)),
        ("… DOMContentLoaded", split(|t| t.dom_content_loaded)),
        ("… wasm received", split(|t| t.wasm)),
    ] {
        if !values.is_empty() {
            table.row(name, "", &values);
        }
    }
    // Other marks the build sets, in the order of the first load's.
    let mut names: Vec<(f64, String)> = loads
        .first()
        .map(|t| t.marks.iter().map(|(n, at)| (*at, n.clone())).collect())
        .unwrap_or_default();
    names.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, name) in names.iter().filter(|(_, n)| n != "matrix-interactive") {
        let values: Vec<f64> = loads
            .iter()
            .skip(1)
            .filter_map(|t| t.marks.iter().find(|(n, _)| n == name).map(|(_, at)| *at))
            .collect();
        table.row(&format!("… `{name}` mark"), "", &values);
    }
}

/// The controls of the matrix's staged changes, when the build has them: a cell stages a change,
/// "Review…" opens the question with the combined access diff, "Apply" applies.
const REVIEW: &str = "matrix-review";
const APPLY: &str = "matrix-apply";

/// Timings of the toggles, in milliseconds.
#[derive(Debug, Default)]
struct Toggles {
    /// Whether cells only stage changes, applied through Review… and Apply.
    staged: bool,
    cell: Clicks,
    review: Clicks,
    apply: Clicks,
    /// Event Timing of clicks made through WebDriver (real input): target, duration, handlers.
    trusted: Vec<(String, f64, f64)>,
    trusted_clicks: usize,
    /// Long tasks seen after each toggle (the save of the state, for one).
    long_tasks: Vec<f64>,
}

#[derive(Debug, Default)]
struct Clicks {
    script: Vec<f64>,
    frame: Vec<f64>,
    painted: Vec<f64>,
    next: Vec<f64>,
}

impl Clicks {
    fn add(&mut self, value: &Value) {
        let get = |name: &str| value.get(name).and_then(Value::as_f64);
        if let (Some(script), Some(frame), Some(painted), Some(next)) =
            (get("script"), get("frame"), get("painted"), get("next"))
        {
            self.script.push(script);
            self.frame.push(frame);
            self.painted.push(painted);
            self.next.push(next);
        }
    }

    fn report(&self, table: &mut Table, what: &str) {
        table.row(
            &format!("{what}: script of the click"),
            "< 16 ms",
            &self.script,
        );
        table.row(
            &format!("{what}: click → next animation frame"),
            "",
            &self.frame,
        );
        table.row(
            &format!("{what}: click → that frame painted"),
            "next frame",
            &self.painted,
        );
        table.row(
            &format!("{what}: click → the animation frame after"),
            "",
            &self.next,
        );
    }
}

impl Toggles {
    fn report(&self, table: &mut Table) {
        if self.staged {
            self.cell.report(table, "stage a grant (cell click)");
            self.review.report(table, "open the review (Review…)");
            self.apply.report(table, "apply it (Apply)");
        } else {
            self.cell.report(table, "grant toggle");
        }
        println!(
            "real (WebDriver) clicks: {} entries of Event Timing (≥ 16 ms to the next paint) for {} clicks",
            self.trusted.len(),
            self.trusted_clicks
        );
        for (what, prefix) in [("cell", "cell-"), ("Review…", REVIEW), ("Apply", APPLY)] {
            let (durations, handlers): (Vec<f64>, Vec<f64>) = self
                .trusted
                .iter()
                .filter(|(target, _, _)| target.starts_with(prefix))
                .map(|(_, duration, handlers)| (*duration, *handlers))
                .unzip();
            if durations.is_empty() {
                continue;
            }
            table.row(
                &format!(
                    "real click on {what}: input → next paint (Event Timing, entries ≥ 16 ms)"
                ),
                "",
                &durations,
            );
            table.row("… of which event handlers", "", &handlers);
        }
        table.row(
            "long tasks after a toggle (each over 50 ms)",
            "",
            &self.long_tasks,
        );
    }
}

/// Whether an enabled control with this test id is in the page.
async fn enabled(client: &Client, id: &str) -> Result<bool, HarnessError> {
    let found = client
        .execute(
            "const e = document.querySelector(arguments[0]); return !!e && !e.disabled;",
            vec![json!(test_id_selector(id))],
        )
        .await?;
    Ok(found.as_bool().unwrap_or(false))
}

/// Waits until an enabled control with this test id is in the page.
async fn wait_enabled(client: &Client, id: &str) -> Result<(), HarnessError> {
    let started = Instant::now();
    while !enabled(client, id).await? {
        if started.elapsed() > LOAD_PATIENCE {
            return Err(HarnessError::Timeout(format!("`{id}` to be enabled")));
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Ok(())
}

async fn click_timed(client: &Client, id: &str, into: &mut Clicks) -> Result<Value, HarnessError> {
    let clicked = client
        .execute_async(
            CLICK_PROBE,
            vec![json!(test_id_selector(id)), json!(test_id_selector(CELL))],
        )
        .await?;
    if let Some(error) = clicked.get("error") {
        return Err(HarnessError::Timeout(format!(
            "a control to click: {error}"
        )));
    }
    into.add(&clicked);
    Ok(clicked)
}

async fn toggles_on(client: &Client, count: usize) -> Result<Toggles, HarnessError> {
    client
        .wait()
        .at_most(LOAD_PATIENCE)
        .for_element(Locator::Css(&test_id_selector(CELL)))
        .await?;
    client.execute(WATCH_LONG_TASKS, Vec::new()).await?;
    let mut toggles = Toggles::default();
    let mut unchanged = 0;
    for _ in 0..count {
        let clicked = click_timed(client, CELL, &mut toggles.cell).await?;
        let before = clicked.get("before").cloned();
        let mut after = clicked.get("after").cloned();
        if enabled(client, REVIEW).await? {
            toggles.staged = true;
            click_timed(client, REVIEW, &mut toggles.review).await?;
            wait_enabled(client, APPLY).await?;
            after = click_timed(client, APPLY, &mut toggles.apply)
                .await?
                .get("after")
                .cloned();
        }
        if after == before {
            unchanged += 1;
        }
        // Let the save after the frame run before the next toggle, and collect what it cost.
        tokio::time::sleep(Duration::from_millis(600)).await;
        let long = client.execute(LONG_TASKS, Vec::new()).await?;
        toggles.long_tasks.extend(
            long.as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_f64),
        );
    }
    if unchanged > 0 {
        println!("warning: {unchanged} of {count} toggles did not change the cell's data-granted");
    }
    // Real input through WebDriver, for the browser's own Event Timing of each click.
    let real = count.min(7);
    for _ in 0..real {
        let mut ids = vec![CELL];
        if toggles.staged {
            ids.extend([REVIEW, APPLY]);
        }
        for id in ids {
            wait_enabled(client, id).await?;
            client
                .find(Locator::Css(&test_id_selector(id)))
                .await?
                .click()
                .await?;
            toggles.trusted_clicks += 1;
            tokio::time::sleep(Duration::from_millis(400)).await;
        }
    }
    let events = client
        .execute("return window.__perfEvents || [];", Vec::new())
        .await?;
    for entry in events.as_array().into_iter().flatten() {
        if let (Some(target), Some(duration), Some(handlers)) = (
            entry.get("target").and_then(Value::as_str),
            entry.get("duration").and_then(Value::as_f64),
            entry.get("processing").and_then(Value::as_f64),
        ) {
            toggles
                .trusted
                .push((target.to_owned(), duration, handlers));
        }
    }
    Ok(toggles)
}

fn epoch_millis() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(f64::NAN, |d| d.as_secs_f64() * 1_000.0)
}

/// The figures, printed as a Markdown table at the end.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<String>,
}

impl Table {
    fn row(&mut self, figure: &str, goal: &str, values: &[f64]) {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let line = match (sorted.first(), sorted.last()) {
            (Some(min), Some(max)) => {
                let median = median(&sorted).unwrap_or(f64::NAN);
                format!(
                    "| {figure} | {goal} | {median:.1} ms | {min:.1} ms | {max:.1} ms | {} |",
                    sorted.len()
                )
            }
            _ => format!("| {figure} | {goal} | – | – | – | 0 |"),
        };
        self.rows.push(line);
    }

    fn print(&self) {
        println!();
        println!("| figure | goal | median | min | max | samples |");
        println!("|---|---|---|---|---|---|");
        for row in &self.rows {
            println!("{row}");
        }
    }
}

fn median(sorted: &[f64]) -> Option<f64> {
    let middle = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted.get(middle).copied()
    } else {
        Some((sorted.get(middle.checked_sub(1)?)? + sorted.get(middle)?) / 2.0)
    }
}
