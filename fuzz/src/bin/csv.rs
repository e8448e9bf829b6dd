//! AFL++ target: [`lak::fuzzing::csv`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::csv(data));
}
