use std::fmt;
use std::path::PathBuf;

/// Why the harness could not do what a test asked.
#[derive(Debug)]
pub enum HarnessError {
    /// The built site is missing: `trunk build --release` has not run.
    MissingDist(PathBuf),
    /// A program the harness starts could not be started or reached.
    Start {
        /// What was being started.
        what: String,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// chromedriver refused to open a browser session.
    Session(Box<fantoccini::error::NewSessionError>),
    /// A WebDriver command failed.
    Command(Box<fantoccini::error::CmdError>),
    /// Something the test waited for did not happen in time.
    Timeout(String),
}

impl fmt::Display for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HarnessError::MissingDist(path) => write!(
                f,
                "no built site at `{}`: run `trunk build --release` first (`bash .ci/test` does)",
                path.display()
            ),
            HarnessError::Start { what, source } => write!(f, "could not start {what}: {source}"),
            HarnessError::Session(error) => write!(f, "could not open a browser session: {error}"),
            HarnessError::Command(error) => write!(f, "webdriver command failed: {error}"),
            HarnessError::Timeout(what) => write!(f, "timed out waiting for {what}"),
        }
    }
}

impl std::error::Error for HarnessError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HarnessError::Start { source, .. } => Some(source),
            HarnessError::Session(error) => Some(error.as_ref()),
            HarnessError::Command(error) => Some(error.as_ref()),
            HarnessError::MissingDist(_) | HarnessError::Timeout(_) => None,
        }
    }
}

impl From<fantoccini::error::CmdError> for HarnessError {
    fn from(error: fantoccini::error::CmdError) -> Self {
        HarnessError::Command(Box::new(error))
    }
}

impl From<fantoccini::error::NewSessionError> for HarnessError {
    fn from(error: fantoccini::error::NewSessionError) -> Self {
        HarnessError::Session(Box::new(error))
    }
}
