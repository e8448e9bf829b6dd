//! AFL++ target: [`lak::fuzzing::office`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::office(data));
}
