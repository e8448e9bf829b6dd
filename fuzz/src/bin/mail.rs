//! AFL++ target: [`lak::fuzzing::mail`].
fn main() {
    afl::fuzz!(|data: &[u8]| lak::fuzzing::mail(data));
}
