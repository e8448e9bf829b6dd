//! AFL++ target: [`lak::fuzzing::mbox`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::mbox(data));
}
