//! The index's number lists, written as short strings the client decodes in a loop.
//!
//! Each number is written in groups of five bits, most significant first, one
//! character a group: characters 0–31 of [`ALPHABET`] end a number, 32–63 say another
//! group follows. Numbers under 32 take one character, under 1,024 two, under 32,768
//! three. Lists of ascending numbers are written as differences, so the postings of a
//! word in half the documents cost about a character a document. The alphabet needs no
//! escaping in JSON or in a script.

/// The 64 digits of the index's numbers, in order.
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvwxyzWXYZ-_";

/// Appends one number.
pub fn push_number(out: &mut String, n: u32) {
    let mut groups = 1;
    while groups < 7 && n >> (5 * groups) != 0 {
        groups += 1;
    }
    for group in (0..groups).rev() {
        let bits = ((n >> (5 * group)) & 31) as usize;
        let continues = if group > 0 { 32 } else { 0 };
        out.push(ALPHABET[bits + continues] as char);
    }
}

/// Appends ascending numbers as the differences between them (the first as itself).
pub fn push_ascending(out: &mut String, numbers: impl IntoIterator<Item = u32>) {
    let mut previous = 0;
    for n in numbers {
        push_number(out, n - previous);
        previous = n;
    }
}

/// Reads the numbers back (for tests, and the same loop the client runs).
pub fn numbers(encoded: &str) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    let mut value: u32 = 0;
    for c in encoded.bytes() {
        let digit = ALPHABET
            .iter()
            .position(|&a| a == c)
            .ok_or_else(|| format!("{:?} is not in the alphabet", c as char))? as u32;
        value = (value << 5) | (digit & 31);
        if digit < 32 {
            out.push(value);
            value = 0;
        }
    }
    if value != 0 {
        return Err("the last number is unfinished".to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_a_character_per_five_bits() {
        let mut out = String::new();
        for n in [0, 31, 32, 1023, 1024, 1_000_000, u32::MAX] {
            push_number(&mut out, n);
        }
        assert_eq!(
            numbers(&out).expect("decodes"),
            [0, 31, 32, 1023, 1024, 1_000_000, u32::MAX]
        );
        let mut lengths = Vec::new();
        for n in [0, 31, 32, 1023, 1024, 32767, 32768] {
            let mut one = String::new();
            push_number(&mut one, n);
            lengths.push(one.len());
        }
        assert_eq!(lengths, [1, 1, 2, 2, 3, 3, 4]);
    }

    #[test]
    fn ascending_lists_are_differences() {
        let mut out = String::new();
        push_ascending(&mut out, [3, 4, 40, 1040]);
        assert_eq!(numbers(&out).expect("decodes"), [3, 1, 36, 1000]);
    }

    #[test]
    fn the_alphabet_needs_no_escaping() {
        let distinct: std::collections::BTreeSet<u8> = ALPHABET.iter().copied().collect();
        assert_eq!(distinct.len(), 64);
        assert!(ALPHABET
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_'));
    }
}
