//! AFL++ target: [`lak::fuzzing::package`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::package(data));
}
