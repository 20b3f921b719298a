//! What a person does in the console, as helpers for the end-to-end test files: type into a
//! field, choose an option, wait for a text, read what the browser stored.

#![allow(dead_code)] // Each test file uses its own subset.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use studio_access_e2e::{HarnessError, Site};

/// How long a step waits for the page to show what it expects.
const PATIENCE: Duration = Duration::from_secs(15);

fn selector(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

/// Empties a field and types `text` into it, as a person would.
pub async fn type_into(site: &Site, test_id: &str, text: &str) -> Result<(), HarnessError> {
    let field = site.by_test_id(test_id).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

/// Puts a long text into a field at once (as pasting does) and tells the page.
pub async fn paste_into(site: &Site, test_id: &str, text: &str) -> Result<(), HarnessError> {
    let field = site.by_test_id(test_id).await?;
    let element = serde_json::to_value(&field)
        .map_err(|error| HarnessError::Timeout(format!("a reference to `{test_id}` ({error})")))?;
    site.browser()
        .client()
        .execute(
            "arguments[0].value = arguments[1];
             arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
            vec![element, serde_json::Value::String(text.to_owned())],
        )
        .await?;
    Ok(())
}

/// Chooses the option with `value` in the `<select>`.
pub async fn choose(site: &Site, test_id: &str, value: &str) -> Result<(), HarnessError> {
    let select = site.by_test_id(test_id).await?;
    select.select_by_value(value).await?;
    Ok(())
}

/// The text of the element now, if there is one.
pub async fn text_now(site: &Site, test_id: &str) -> Option<String> {
    let element = site
        .browser()
        .client()
        .find(Locator::Css(&selector(test_id)))
        .await
        .ok()?;
    element.text().await.ok()
}

/// Waits until the element's text satisfies `wanted`; returns that text.
pub async fn text_until(
    site: &Site,
    test_id: &str,
    wanted: impl Fn(&str) -> bool,
) -> Result<String, HarnessError> {
    let started = Instant::now();
    let mut last = None;
    while started.elapsed() < PATIENCE {
        if let Some(text) = text_now(site, test_id).await {
            if wanted(&text) {
                return Ok(text);
            }
            last = Some(text);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(HarnessError::Timeout(format!(
        "`{test_id}` to read as expected (last read {last:?})"
    )))
}

/// Waits until the element's text contains `part`.
pub async fn text_contains(site: &Site, test_id: &str, part: &str) -> Result<String, HarnessError> {
    text_until(site, test_id, |text| text.contains(part)).await
}

/// Waits until no element has this test id.
pub async fn gone(site: &Site, test_id: &str) -> Result<(), HarnessError> {
    let started = Instant::now();
    while started.elapsed() < PATIENCE {
        if site.all_by_test_id(test_id).await?.is_empty() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(HarnessError::Timeout(format!("`{test_id}` to go away")))
}

/// Everything the site keeps in the browser's localStorage, as one text.
pub async fn local_storage(site: &Site) -> Result<String, HarnessError> {
    let value = site
        .browser()
        .client()
        .execute("return JSON.stringify(window.localStorage);", Vec::new())
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// Clicks a main navigation link and waits for its page.
pub async fn go_to(site: &Site, slug: &str, title: &str) -> Result<(), HarnessError> {
    site.click(&format!("nav-link-{slug}")).await?;
    site.wait_for_text("page-title", title).await
}

/// Acts as another identity through the header's switcher (`root`, a user's name, or
/// `user@role`).
pub async fn act_as(site: &Site, identity: &str) -> Result<(), HarnessError> {
    choose(site, "identity-select", identity).await
}

/// Chooses the first option of the `<select>` whose text starts with `prefix`.
pub async fn choose_starting_with(
    site: &Site,
    test_id: &str,
    prefix: &str,
) -> Result<(), HarnessError> {
    let select = site.by_test_id(test_id).await?;
    select
        .select_by(Locator::XPath(&format!(
            ".//option[starts-with(normalize-space(.), '{prefix}')]"
        )))
        .await?;
    Ok(())
}

/// Waits until the element's attribute reads `expected`.
pub async fn attribute_becomes(
    site: &Site,
    test_id: &str,
    attribute: &str,
    expected: &str,
) -> Result<(), HarnessError> {
    let started = Instant::now();
    let mut last = None;
    while started.elapsed() < PATIENCE {
        if let Ok(element) = site
            .browser()
            .client()
            .find(Locator::Css(&selector(test_id)))
            .await
        {
            let value = element.attr(attribute).await.ok().flatten();
            if value.as_deref() == Some(expected) {
                return Ok(());
            }
            last = value;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(HarnessError::Timeout(format!(
        "`{test_id}` to have {attribute}={expected:?} (last {last:?})"
    )))
}

/// The value of a form control now (what a `<select>` has chosen, what a field holds).
pub async fn value_of(site: &Site, test_id: &str) -> Result<String, HarnessError> {
    let element = site.by_test_id(test_id).await?;
    Ok(element.prop("value").await?.unwrap_or_default())
}

/// Brings the element to the middle of the window, then clicks it: a control near the top may
/// otherwise sit under the sticky top bar, which would take the click.
pub async fn press(site: &Site, test_id: &str) -> Result<(), HarnessError> {
    let element = site.by_test_id(test_id).await?;
    let reference = serde_json::to_value(&element)
        .map_err(|error| HarnessError::Timeout(format!("a reference to `{test_id}` ({error})")))?;
    site.browser()
        .client()
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![reference],
        )
        .await?;
    element.click().await?;
    Ok(())
}
