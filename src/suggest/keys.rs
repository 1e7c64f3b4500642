//! The hash maps of the suggest stage: their keys are hashes already (term
//! ids, sketch values, bucket keys), so mixing them once is enough, and far
//! cheaper than SipHash. Their order never reaches the output.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Mixes a key's hash once.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = self.0.rotate_left(32) ^ n as u64;
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(17) ^ n;
    }
    fn write_i32(&mut self, n: i32) {
        self.write_u32(n as u32);
    }
}

/// A hash map for lookups only: its order never reaches the output.
pub(super) type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;
