//! The timeline's bar chart of documents per year, drawn at build time as inline SVG,
//! so the page needs no chart library and shows it without JavaScript. Colours come
//! from the theme's stylesheet (`.chart-bar`, `.chart-axis`), so it follows dark mode.
//! A bar is a link to its year's page (a bar of several years, to the first with
//! documents), named with its count for screen readers. Bars stay out of the tab
//! order: the list of years under the chart carries the same links for the keyboard.

use std::fmt::Write;

use crate::archive::YearGroup;
use crate::edtf::year_label;
use crate::html::escaped;
use crate::i18n::Interface;

/// The drawing's width and height in its own units; it scales to its box.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 180.0;
/// Room under the bars for the years, and above for the highest count.
const AXIS: f64 = 22.0;
const TOP: f64 = 16.0;
/// Spans longer than this are drawn by five years, and by decades past five times it.
const MOST_BARS: i64 = 120;

/// The chart of these years' counts (in year order), or `None` when there are none;
/// `year_href` is the link to a year's page. Its names are in the interface's `words`.
pub(crate) fn documents_per_year(
    years: &[YearGroup],
    words: &Interface,
    year_href: impl Fn(i64) -> String,
) -> Option<String> {
    let year = |y: i64| year_label(y, words);
    let first = years.first()?.year;
    let last = years.last()?.year;
    let span = last - first + 1;
    let step = if span <= MOST_BARS {
        1
    } else if span <= MOST_BARS * 5 {
        5
    } else {
        10
    };
    let start = first.div_euclid(step) * step;
    let bins = ((last - start) / step + 1) as usize;
    let mut counts = vec![0usize; bins];
    let mut first_years: Vec<Option<i64>> = vec![None; bins];
    for group in years {
        let bin = ((group.year - start) / step) as usize;
        counts[bin] += group.documents.len();
        first_years[bin].get_or_insert(group.year);
    }
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let (busiest, _) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(bin, count)| (count, std::cmp::Reverse(bin)))
        .unwrap_or((0, &0));
    let label = |bin: usize| {
        let from = start + bin as i64 * step;
        if step == 1 {
            year(from)
        } else {
            format!("{}–{}", year(from), year(from + step - 1))
        }
    };
    let slot = WIDTH / bins as f64;
    let gap = if slot > 4.0 { slot * 0.2 } else { 0.0 };
    let plot = HEIGHT - AXIS - TOP;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="chart-title" preserveAspectRatio="xMidYMid meet"><title id="chart-title">{title}</title>"#,
        title = escaped(&words.format(
            "timeline.chart_title",
            &[
                ("unit", &words.count("timeline.years", step as usize, &[])),
                ("from", &year(first)),
                ("to", &year(last)),
                ("most", &most.to_string()),
                ("busiest", &label(busiest)),
            ]
        )),
    );
    let _ = write!(
        svg,
        r#"<g aria-hidden="true"><line class="chart-axis" x1="0" y1="{y}" x2="{WIDTH}" y2="{y}"/><text class="chart-label" x="0" y="11">{most}</text></g>"#,
        y = HEIGHT - AXIS,
    );
    for (bin, &count) in counts.iter().enumerate() {
        let Some(first_year) = first_years[bin].filter(|_| count > 0) else {
            continue;
        };
        let height = (count as f64 / most as f64 * plot).max(1.0);
        // Out of the tab order: the list of years below has these links.
        let _ = write!(
            svg,
            r#"<a href="{href}" tabindex="-1" aria-label="{name}"><rect class="chart-bar" x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{height:.2}"><title>{name}</title></rect></a>"#,
            href = escaped(&year_href(first_year)),
            x = bin as f64 * slot + gap / 2.0,
            y = HEIGHT - AXIS - height,
            w = slot - gap,
            name = escaped(&words.count("timeline.bar", count, &[("label", &label(bin))])),
        );
    }
    // Years under the axis: the first, the last, and round ones between, at most
    // about eight, never crowding each other.
    let every = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        .into_iter()
        .map(|n| n * step)
        .find(|n| span / n <= 8)
        .unwrap_or(span.max(1));
    let mut marks: Vec<usize> = (0..bins)
        .filter(|&bin| (start + bin as i64 * step).rem_euclid(every) == 0)
        .collect();
    if marks.first() != Some(&0) {
        marks.insert(0, 0);
    }
    let room = 44.0 / slot;
    let mut shown: Vec<usize> = Vec::new();
    for bin in marks {
        if shown.last().is_none_or(|&last| (bin - last) as f64 >= room) {
            shown.push(bin);
        }
    }
    // The axis's years repeat what the bars' names say.
    svg.push_str(r#"<g aria-hidden="true">"#);
    for bin in shown {
        let x = bin as f64 * slot + slot / 2.0;
        let anchor = if bin == 0 && x < 20.0 { "start" } else { "middle" };
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{x:.2}" y="{y}" text-anchor="{anchor}">{label}</text>"#,
            x = if anchor == "start" { 0.0 } else { x },
            y = HEIGHT - 6.0,
            label = year(start + bin as i64 * step),
        );
    }
    svg.push_str("</g></svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents_per_year_in_english(years: &[YearGroup], href: impl Fn(i64) -> String) -> Option<String> {
        documents_per_year(years, crate::i18n::english(), href)
    }

    fn href(year: i64) -> String {
        format!("timeline/{year}/index.html")
    }

    fn years(counts: &[(i64, usize)]) -> Vec<YearGroup> {
        counts
            .iter()
            .map(|&(year, count)| YearGroup {
                year,
                documents: crate::refs::DocumentRef::all(count).collect(),
                months: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn each_year_is_a_bar_as_high_as_its_count() {
        let svg = documents_per_year_in_english(&years(&[(1965, 2), (1966, 4), (1968, 1)]), href).expect("a chart");
        assert_eq!(svg.matches("<rect").count(), 3, "no bar for a year without documents");
        assert!(svg.contains("<title>1966: 4 documents</title>"));
        assert!(svg.contains("<title>1968: 1 document</title>"));
        assert!(
            svg.contains(r#"<a href="timeline/1966/index.html" tabindex="-1" aria-label="1966: 4 documents"><rect"#),
            "{svg}"
        );
        assert!(svg.contains("the most, 4, in 1966"));
        // The busiest year's bar fills the plot; the one with half as many, half of it.
        assert!(svg.contains(r#"y="16.00" width="#), "{svg}");
        assert!(svg.contains(r#"height="71.00""#), "{svg}");
    }

    #[test]
    fn centuries_are_drawn_by_decades() {
        let svg = documents_per_year_in_english(&years(&[(1200, 1), (1890, 3), (1895, 2)]), href).expect("a chart");
        assert!(svg.contains("<title>1890–1899: 5 documents</title>"), "{svg}");
        // A decade's bar leads to its first year with documents.
        assert!(
            svg.contains(r#"<a href="timeline/1890/index.html" tabindex="-1" aria-label="1890–1899: 5 documents">"#),
            "{svg}"
        );
        assert!(svg.contains("Documents per 10 years"));
        assert!(documents_per_year(&[], crate::i18n::english(), href).is_none());
    }
}
