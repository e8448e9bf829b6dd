//! Writes seeds for every target into `<out>/<target>/` (see `fuzz/seeds.sh`):
//! `extract_seeds OUT PER_TARGET ROOT...`.
fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: extract_seeds OUT PER_TARGET ROOT...";
    let out = std::path::PathBuf::from(args.next().expect(usage));
    let per_target: usize = args.next().expect(usage).parse().expect(usage);
    let roots: Vec<std::path::PathBuf> = args.map(Into::into).collect();
    let roots: Vec<&std::path::Path> = roots.iter().map(|r| r.as_path()).collect();
    for (target, name, bytes) in lak::fuzzing::seeds(&roots, per_target) {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir).expect("seed folder");
        std::fs::write(dir.join(name), bytes).expect("seed file");
    }
}
