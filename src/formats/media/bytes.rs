//! Bounds-checked integer reads: `None` when the bytes run out (or the offset overflows), never a panic.

/// A big-endian `u16` at `at`.
pub(crate) fn u16_be(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

/// A big-endian `u32` at `at`.
pub(crate) fn u32_be(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// A little-endian `u16` at `at`.
pub(crate) fn u16_le(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(d.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

/// A little-endian `u32` at `at`.
pub(crate) fn u32_le(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(d.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_end_and_never_overflow() {
        let d = [1, 2, 3, 4];
        assert_eq!(u16_be(&d, 0), Some(0x0102));
        assert_eq!(u16_le(&d, 2), Some(0x0403));
        assert_eq!(u32_be(&d, 0), Some(0x0102_0304));
        assert_eq!(u32_le(&d, 0), Some(0x0403_0201));
        assert_eq!(u16_be(&d, 3), None);
        assert_eq!(u32_le(&d, 1), None);
        assert_eq!(u32_be(&d, usize::MAX - 1), None);
    }
}
