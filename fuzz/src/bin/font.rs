//! AFL++ target: [`lak::fuzzing::font`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::font(data));
}
