//! Which renderer draws the window, and the fallback from one to the next.
//!
//! On Windows the window is drawn through wgpu first: Direct3D 12, where Windows' WARP software
//! rasteriser stands in when there is no GPU (Remote Desktop, virtual desktops, the basic display
//! driver), which offer no OpenGL 2; then through glow (OpenGL 2+). Elsewhere through glow only.
//!
//! winit allows one event loop per process, so a renderer that cannot start is not retried in the
//! same process: the command line starts the program again with the next renderer
//! ([`RENDERER_ENV`]) and the reason ([`FALLBACK_ENV`]), which the new window shows in its status
//! line (`cli::open_window`). A user or a test may force a renderer with the same variable; a
//! forced renderer has no fallback.

/// The variable that forces a renderer (`wgpu` or `glow`).
pub const RENDERER_ENV: &str = "DOSSIER_CLOUD_RENDERER";
/// Set by the program for the renderer it falls back to: why the previous one did not start.
pub const FALLBACK_ENV: &str = "DOSSIER_CLOUD_FALLBACK_FROM";

/// A way of drawing the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    /// wgpu: Direct3D 12 (or Vulkan) on Windows. Built on Windows only.
    Wgpu,
    /// glow: OpenGL 2 or later.
    Glow,
}

impl Renderer {
    /// The renderers this build has, in the order they are tried.
    #[must_use]
    pub fn order() -> &'static [Renderer] {
        if cfg!(windows) {
            &[Renderer::Wgpu, Renderer::Glow]
        } else {
            &[Renderer::Glow]
        }
    }

    /// Its name, as [`RENDERER_ENV`] takes it.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Renderer::Wgpu => "wgpu",
            Renderer::Glow => "glow",
        }
    }

    /// What it draws through, for a person (« Direct3D (wgpu) »).
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Renderer::Wgpu => "Direct3D (wgpu)",
            Renderer::Glow => "OpenGL (glow)",
        }
    }

    /// The renderer named `id`, if this build has it.
    #[must_use]
    pub fn parse(id: &str) -> Option<Renderer> {
        Renderer::order()
            .iter()
            .copied()
            .find(|r| r.id().eq_ignore_ascii_case(id.trim()))
    }

    /// The renderer tried after this one, if any (glow is the last everywhere).
    #[must_use]
    pub fn next(self) -> Option<Renderer> {
        match self {
            Renderer::Wgpu => Some(Renderer::Glow),
            Renderer::Glow => None,
        }
    }

    /// eframe's name for it.
    pub(crate) fn eframe(self) -> eframe::Renderer {
        match self {
            #[cfg(windows)]
            Renderer::Wgpu => eframe::Renderer::Wgpu,
            #[cfg(not(windows))]
            Renderer::Wgpu => eframe::Renderer::Glow,
            Renderer::Glow => eframe::Renderer::Glow,
        }
    }
}

/// The first renderer to try: the forced one, else the first of [`Renderer::order`]; and whether
/// it was forced. An unknown forced name is an error naming the ones there are.
///
/// # Errors
/// The forced name is not a renderer of this build.
pub fn chosen(forced: Option<&str>) -> Result<(Renderer, bool), String> {
    match forced.filter(|f| !f.trim().is_empty()) {
        None => Ok((Renderer::order()[0], false)),
        Some(name) => Renderer::parse(name).map(|r| (r, true)).ok_or_else(|| {
            let known: Vec<&str> = Renderer::order().iter().map(|r| r.id()).collect();
            format!(
                "{RENDERER_ENV}={name} : moteur de rendu inconnu ; cette version a : {}",
                known.join(", ")
            )
        }),
    }
}

/// The renderer this run falls back from and why, as the run before it set [`FALLBACK_ENV`].
#[must_use]
pub fn fallen_back_from() -> Option<(Renderer, String)> {
    parse_fallback(&std::env::var(FALLBACK_ENV).ok()?)
}

/// The value of [`FALLBACK_ENV`] for a renderer that failed: `wgpu: why`.
#[must_use]
pub fn fallback_value(failed: Renderer, why: &str) -> String {
    format!("{}: {why}", failed.id())
}

fn parse_fallback(value: &str) -> Option<(Renderer, String)> {
    let (id, why) = value.split_once(": ")?;
    Some((Renderer::parse(id)?, why.to_owned()))
}

/// What a failed run said, in one line: an error's text or a panic's message.
#[must_use]
pub fn failure_text(failure: &FailedRun) -> String {
    let text = match failure {
        FailedRun::Error(e) => e.clone(),
        FailedRun::Panic(payload) => payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "arrêt inattendu".to_owned()),
    };
    let one_line: Vec<&str> = text.split_whitespace().collect();
    let mut line = one_line.join(" ");
    if line.chars().count() > 300 {
        line = line.chars().take(299).collect::<String>() + "…";
    }
    line
}

/// How a window's run ended badly.
pub enum FailedRun {
    /// eframe returned an error (no adapter, no context…).
    Error(String),
    /// The renderer panicked (wgpu: « Parent device is lost »).
    Panic(Box<dyn std::any::Any + Send>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forced_renderer_is_taken_and_an_unknown_one_named() {
        assert_eq!(chosen(None), Ok((Renderer::order()[0], false)));
        assert_eq!(chosen(Some("  ")), Ok((Renderer::order()[0], false)));
        assert_eq!(chosen(Some("GLOW")), Ok((Renderer::Glow, true)));
        let err = chosen(Some("vulkan")).unwrap_err();
        assert!(err.contains("vulkan") && err.contains("glow"), "{err}");
    }

    #[test]
    fn the_last_renderer_has_no_next() {
        let last = *Renderer::order().last().unwrap();
        assert_eq!(last.next(), None);
        assert_eq!(Renderer::Wgpu.next(), Some(Renderer::Glow));
    }

    #[test]
    fn the_reason_goes_from_one_run_to_the_next() {
        let value = fallback_value(Renderer::Glow, "no adapter: none");
        assert_eq!(
            parse_fallback(&value),
            Some((Renderer::Glow, "no adapter: none".to_owned()))
        );
        assert_eq!(parse_fallback("vulkan: x"), None);
    }

    #[test]
    fn a_panic_reads_as_its_message_on_one_line() {
        let payload: Box<dyn std::any::Any + Send> =
            Box::new(String::from("wgpu error:\n  Parent device is lost"));
        assert_eq!(
            failure_text(&FailedRun::Panic(payload)),
            "wgpu error: Parent device is lost"
        );
    }
}
