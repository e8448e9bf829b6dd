//! AFL++ target: [`lak::fuzzing::pdf_content`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::pdf_content(data));
}
