//! The citation styles a catalogue may name: the independent CSL styles hayagriva
//! bundles. The catalogue checks its `citation_styles` here, before any citation is
//! made (the citation stage, [`crate::cite`], formats with them).

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::Style;

/// The styles when the catalogue names none: Chicago (notes and bibliography), MLA
/// and APA.
pub const DEFAULT_STYLES: [&str; 3] = [
    "chicago-notes",
    "modern-language-association",
    "american-psychological-association",
];

/// Whether hayagriva bundles a usable style of this name.
pub fn is_style(name: &str) -> bool {
    ArchivedStyle::by_name(name).is_some_and(|style| matches!(style.get(), Style::Independent(_)))
}

/// The bundled style name nearest to a misspelt one, for the catalogue's hint.
pub fn nearest_style(name: &str) -> Option<&'static str> {
    ArchivedStyle::all()
        .iter()
        .flat_map(|style| style.names().iter().copied())
        .map(|known| (strsim::jaro_winkler(name, known), known))
        .filter(|&(score, _)| score > 0.9)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, known)| known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_styles_are_not_styles() {
        assert!(is_style("chicago-notes"));
        assert!(is_style("apa"));
        assert!(!is_style("chicago-nots"));
    }
}
