//! The EDTF parser on any text: a date that can be written and sorted, or an error.
#![no_main]

use dossier::edtf::EdtfDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(date) = EdtfDate::parse(text) {
        assert!(!date.to_string().is_empty());
        let _ = date.sort_key();
        let _ = date.iso_start();
        let _ = date.month();
        // What was accepted parses again to the same date.
        assert_eq!(EdtfDate::parse(date.as_str()).ok(), Some(date));
    }
});
