//! AFL++ target: [`lak::fuzzing::picture`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::picture(data));
}
