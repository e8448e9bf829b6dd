//! AFL++ target: [`lak::fuzzing::cmap`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::cmap(data));
}
