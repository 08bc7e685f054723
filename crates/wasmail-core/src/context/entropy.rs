//! Tokens (MIME boundaries) derived from the caller's entropy without a random generator.
//!
//! Each token mixes all 32 entropy bytes with a counter through SplitMix64's finaliser: pure
//! integer arithmetic, so the same entropy gives the same tokens on every target.

use super::push_hex;

/// Prefix of every boundary. `=_` cannot occur in quoted-printable or base64 output, so a
/// boundary can only collide with 7bit content, which the composer checks.
pub(crate) const BOUNDARY_PREFIX: &str = "=_wm";

/// Hands out boundaries one after another for one composition.
#[derive(Clone, Debug)]
pub(crate) struct Tokens {
    seed: [u64; 4],
    counter: u64,
}

impl Tokens {
    pub(crate) fn new(entropy: &[u8; 32]) -> Tokens {
        let mut seed = [0u64; 4];
        for (word, chunk) in seed.iter_mut().zip(entropy.chunks_exact(8)) {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(chunk);
            *word = u64::from_le_bytes(bytes);
        }
        Tokens { seed, counter: 0 }
    }

    /// The next boundary: `=_wm` and 32 hex digits.
    pub(crate) fn next_boundary(&mut self) -> String {
        self.counter += 1;
        let (high, low) = self.mix(self.counter);
        let mut boundary = Vec::with_capacity(BOUNDARY_PREFIX.len() + 32);
        boundary.extend_from_slice(BOUNDARY_PREFIX.as_bytes());
        push_hex(&mut boundary, &high.to_be_bytes());
        push_hex(&mut boundary, &low.to_be_bytes());
        String::from_utf8(boundary).unwrap_or_default() // ASCII by construction
    }

    /// 128 bits from all of the seed and `counter`; distinct counters give unrelated outputs.
    fn mix(&self, counter: u64) -> (u64, u64) {
        let mut state = splitmix64(counter.wrapping_mul(GOLDEN_RATIO));
        let mut high = 0;
        for (lane, word) in self.seed.iter().enumerate() {
            state = splitmix64(state ^ word ^ (lane as u64));
            if lane == 1 {
                high = state;
            }
        }
        (high ^ splitmix64(state), state)
    }
}

/// The entropy of a context's composition number `n` (counting from 0): the caller's own for
/// the first, so a fresh context composes as it always did, and unrelated bytes for each
/// later one.
pub(crate) fn composition_entropy(entropy: &[u8; 32], n: u64) -> [u8; 32] {
    if n == 0 {
        return *entropy;
    }
    // Counters with the top bit set never meet the small ones boundaries use.
    let tokens = Tokens::new(entropy);
    let (a, b) = tokens.mix(1 << 63 | n << 1);
    let (c, d) = tokens.mix(1 << 63 | n << 1 | 1);
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(8).zip([a, b, c, d]) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    out
}

const GOLDEN_RATIO: u64 = 0x9E37_79B9_7F4A_7C15;

fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(GOLDEN_RATIO);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
