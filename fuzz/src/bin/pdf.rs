//! AFL++ target: [`lak::fuzzing::pdf`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::pdf(data));
}
