use budget_disclosure::samples::{self, Seed};
use budget_disclosure::store;

#[test]
fn every_sample_loads() {
    for seed in Seed::ALL {
        if let Err(e) = store::from_str(seed.source(), seed.file_name()) {
            panic!("{e}");
        }
        let _ = samples::load(seed);
    }
}
