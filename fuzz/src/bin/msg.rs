//! AFL++ target: [`lak::fuzzing::msg`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::msg(data));
}
