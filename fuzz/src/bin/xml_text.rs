//! AFL++ target: [`lak::fuzzing::xml_text`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::xml_text(data));
}
