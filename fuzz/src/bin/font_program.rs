//! AFL++ target: [`lak::fuzzing::font_program`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::font_program(data));
}
