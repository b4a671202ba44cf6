//! The blocks and inline runs a transcription is rebuilt into.

/// A block of a reflowed transcription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of running text.
    Paragraph(Vec<Inline>),
    /// A numbered item of the source: `number` is `1.`, `content` what follows it.
    Item {
        /// The item's number as written (`1.`).
        number: String,
        /// What follows the number.
        content: Vec<Inline>,
    },
    /// A line holding only an omission mark, as written.
    Omission(String),
    /// A paragraph that is one editorial note, brackets included.
    Note(String),
    /// `[Footnote 1: …]`, brackets included: the note that the markers `[1]` of the
    /// text lead to.
    Footnote {
        /// The footnote's label (`1`).
        label: String,
        /// Its text, brackets included.
        text: String,
    },
    /// A line in capitals standing alone, as a volume's `SUBJECT` or a letter's `TO
    /// ELEONORE VON BREUNING.`: a heading of the source, as written.
    Heading(String),
    /// A line of asterisks (`* * *`) standing alone: a break between sections, as
    /// written.
    SectionBreak(String),
}

impl Block {
    /// The block's text as the source writes it, marks included; a page break of the
    /// source is nothing.
    pub fn source_text(&self) -> String {
        let inlines = |content: &[Inline]| -> String {
            content
                .iter()
                .map(|inline| match inline {
                    Inline::Text(t) | Inline::Sic(t) | Inline::Insertion(t) | Inline::Note(t) | Inline::Emphasis(t) => {
                        t.clone()
                    }
                    Inline::PageNumber { written, .. } => written.clone(),
                    Inline::FootnoteRef { label, bracketed: true } => format!("[{label}]"),
                    Inline::FootnoteRef {
                        label,
                        bracketed: false,
                    } => label.clone(),
                    Inline::PageBreak => String::new(),
                })
                .collect()
        };
        match self {
            Block::Paragraph(content) => inlines(content),
            Block::Item { number, content } => format!("{number} {}", inlines(content)),
            Block::Omission(text)
            | Block::Note(text)
            | Block::Footnote { text, .. }
            | Block::Heading(text)
            | Block::SectionBreak(text) => text.clone(),
        }
    }
}

/// A run of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Words of the source.
    Text(String),
    /// A page of the source ended here (a blank line inside a sentence).
    PageBreak,
    /// `[43]`, `[p. 43]` or `{43}`: the original's page `number` starts here, as
    /// `written`.
    PageNumber {
        /// The page's number.
        number: String,
        /// The marker as the source writes it.
        written: String,
    },
    /// `[SIC]`, as written.
    Sic(String),
    /// An editor's insertion such as `[his]`, brackets included.
    Insertion(String),
    /// `[Translator's note: …]`, brackets included.
    Note(String),
    /// `[1]`, or `3` glued to a sentence's end (`reached.3`): the marker of the text's
    /// footnote with that label.
    FootnoteRef {
        /// The footnote's label.
        label: String,
        /// Whether the marker is in brackets (`[1]`) or glued (`reached.3`).
        bracketed: bool,
    },
    /// `_words_`: italics as a typed edition marks them, underscores included.
    Emphasis(String),
}
