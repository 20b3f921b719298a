//! Accessibility checked by a real engine: axe-core (from npm, pinned in `.ci/package.json` and
//! installed by `.ci/setup`) injected into the page and run against what it shows now.

use std::fmt;
use std::path::PathBuf;

use serde_json::Value;

use crate::{HarnessError, Site};

/// Runs axe on the whole document and answers its violations as JSON text (or `error: …`). The
/// default rules (WCAG 2.x A and AA, and best practices) plus `label-content-name-mismatch`,
/// which axe still calls experimental: a control's name must contain the words it shows.
const RUN: &str = r"
const done = arguments[arguments.length - 1];
// The element's accessible name as labelled, and the text it holds (innerText: what shows).
const shown = (target) => {
  const e = target.length === 1 ? document.querySelector(target[0]) : null;
  return e ? `label ${JSON.stringify(e.getAttribute('aria-label'))}, text ${JSON.stringify(e.innerText)}` : '';
};
window.axe
  .run(document, {
    resultTypes: ['violations'],
    rules: { 'label-content-name-mismatch': { enabled: true } },
  })
  .then(
    (results) => done(JSON.stringify(results.violations.map((v) => ({
      id: v.id,
      impact: v.impact || '',
      help: v.help,
      nodes: v.nodes.map((n) => [n.target.join(' '), (n.failureSummary || '').replace(/\s+/g, ' '),
        n.html.slice(0, 200), shown(n.target)].join(' | ')),
    })))),
    (error) => done('error: ' + error),
  );
";

/// Puts axe's source into the page, once per document.
const INJECT: &str = r"
if (!window.axe) {
  const script = document.createElement('script');
  script.textContent = arguments[0];
  document.head.appendChild(script);
}
return typeof window.axe;
";

/// Answers, as JSON text, each accessible name (as axe computes it) that two or more visible
/// controls share, with its role and how many: `button "Manage" ×12`. A person who lists a
/// page's buttons or fields (a screen reader's list, voice control's "click Manage") cannot
/// tell such controls apart. The cells of a grid are left out: their row and column headers
/// say which they are.
const REPEATED_NAMES: &str = r#"
axe.setup(document);
try {
  const seen = new Map();
  const controls = 'button, select, textarea, input:not([type=hidden]), [role=button], [role=checkbox]';
  for (const e of document.querySelectorAll(controls)) {
    if (!e.checkVisibility() || e.closest('[role=grid]')) continue;
    const name = axe.commons.text.accessibleText(e).trim().replace(/\s+/g, ' ');
    const key = `${axe.commons.aria.getRole(e) || e.tagName.toLowerCase()} ${JSON.stringify(name)}`;
    seen.set(key, (seen.get(key) || 0) + 1);
  }
  return JSON.stringify([...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`));
} finally {
  axe.teardown();
}
"#;

/// One rule axe found broken, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The rule's id, such as `color-contrast`.
    pub id: String,
    /// How much it hurts: `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// What the rule asks for.
    pub help: String,
    /// Each element that breaks it: its selector, axe's summary of what is wrong, and the start
    /// of its HTML.
    pub nodes: Vec<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({}): {}", self.id, self.impact, self.help)?;
        for node in &self.nodes {
            writeln!(f, "    {node}")?;
        }
        Ok(())
    }
}

/// Where axe's source is: `$AXE_CORE_JS`, else `.ci/node_modules/axe-core/axe.min.js`.
pub fn axe_source_path() -> PathBuf {
    std::env::var_os("AXE_CORE_JS").map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../.ci/node_modules/axe-core/axe.min.js"
            ))
        },
        PathBuf::from,
    )
}

impl Site {
    /// What axe finds wrong with the page as it is now.
    pub async fn accessibility_violations(&self) -> Result<Vec<Violation>, HarnessError> {
        self.inject_axe().await?;
        let answer = self
            .browser()
            .client()
            .execute_async(RUN, Vec::new())
            .await?;
        let text = answer.as_str().unwrap_or_default();
        let found: Vec<Value> = serde_json::from_str(text)
            .map_err(|_| HarnessError::Timeout(format!("axe to answer (it said {text:?})")))?;
        Ok(found.iter().map(violation).collect())
    }

    /// The accessible names that two or more visible controls on the page share now, each as
    /// `role "name" ×count` (see [`REPEATED_NAMES`]).
    pub async fn repeated_names(&self) -> Result<Vec<String>, HarnessError> {
        self.inject_axe().await?;
        let answer = self
            .browser()
            .client()
            .execute(REPEATED_NAMES, Vec::new())
            .await?;
        let text = answer.as_str().unwrap_or_default();
        serde_json::from_str(text)
            .map_err(|_| HarnessError::Timeout(format!("axe to name controls (it said {text:?})")))
    }

    /// Puts axe into the page, once per document.
    async fn inject_axe(&self) -> Result<(), HarnessError> {
        let path = axe_source_path();
        let source = std::fs::read_to_string(&path).map_err(|source| HarnessError::Start {
            what: format!(
                "axe-core from `{}` (`bash .ci/setup` installs it)",
                path.display()
            ),
            source,
        })?;
        let client = self.browser().client();
        let kind = client.execute(INJECT, vec![Value::String(source)]).await?;
        if kind.as_str() != Some("object") {
            return Err(HarnessError::Timeout(format!(
                "axe to load in the page (window.axe is {kind})"
            )));
        }
        Ok(())
    }
}

/// A violation as [`RUN`] reports it.
fn violation(value: &Value) -> Violation {
    let text = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Violation {
        id: text("id"),
        impact: text("impact"),
        help: text("help"),
        nodes: value
            .get("nodes")
            .and_then(Value::as_array)
            .map(|nodes| {
                nodes
                    .iter()
                    .map(|n| n.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default(),
    }
}
