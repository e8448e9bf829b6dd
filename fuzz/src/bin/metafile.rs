//! AFL++ target: [`lak::fuzzing::metafile`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::metafile(data));
}
