//! The ids a list walk has seen: an exact set of strings in a small
//! open-addressing table (linear probing, FNV-1a). std's `HashSet` brings
//! hashbrown and SipHash, about 3.5 KB of `.wasm` (twiggy), for a set that
//! holds one walk's ids. Hash flooding does not matter here: a server that
//! answers with colliding ids only slows its own walk, page by page.

/// A set of ids, each kept once.
#[derive(Debug, Default)]
pub struct SeenIds {
    ids: Vec<String>,
    /// For each slot, 0 when empty, else the index in `ids` plus one. Its
    /// length is 0 or a power of two at least twice `ids.len()`, so a slot
    /// is always free and every probe ends.
    slots: Vec<u32>,
}

impl SeenIds {
    /// Adds `id`; false if it was there already.
    pub fn insert(&mut self, id: &str) -> bool {
        if (self.ids.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = fnv1a(id) as usize & mask;
        loop {
            match self.slots[at] {
                0 => {
                    self.ids.push(id.to_owned());
                    self.slots[at] = self.ids.len() as u32;
                    return true;
                }
                taken if self.ids[taken as usize - 1] == id => return false,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Doubles the table (16 slots at first) and places every id again.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let mut slots = vec![0; size];
        for (index, id) in self.ids.iter().enumerate() {
            let mut at = fnv1a(id) as usize & (size - 1);
            while slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = index as u32 + 1;
        }
        self.slots = slots;
    }
}

/// FNV-1a, 32 bits.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv_1a() {
        // The published FNV-1a 32-bit test vectors: a hash that spreads
        // ids keeps each probe short, so a walk stays linear.
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
    }

    #[test]
    fn each_id_is_new_once() {
        let mut seen = SeenIds::default();
        assert!(seen.insert("appsecret_1"));
        assert!(seen.insert("appsecret_2"));
        assert!(seen.insert(""));
        assert!(!seen.insert("appsecret_1"));
        assert!(!seen.insert(""));
        assert!(seen.insert("appsecret_1 "), "ids are compared exactly");
    }

    #[test]
    fn thousands_of_ids_across_growths_are_each_seen_once() {
        let mut seen = SeenIds::default();
        let id = |n: usize| ["appsecret_", &crate::encode::decimal(n as i64)].concat();
        for n in 0..5000 {
            assert!(seen.insert(&id(n)), "{n} is new");
        }
        for n in (0..5000).rev() {
            assert!(!seen.insert(&id(n)), "{n} was seen");
        }
        assert_eq!(seen.ids.len(), 5000);
        assert!(seen.slots.len().is_power_of_two() && seen.slots.len() >= 2 * seen.ids.len());
    }

    #[test]
    fn ids_that_share_a_slot_are_told_apart() {
        // Every id lands on slot 0 of 16 or probes on from there: the
        // probes compare whole ids, never the hash alone.
        let mut seen = SeenIds::default();
        let mut same_slot = Vec::new();
        let mut n = 0i64;
        while same_slot.len() < 6 {
            let candidate = crate::encode::decimal(n);
            if fnv1a(&candidate) & 15 == fnv1a("0") & 15 {
                same_slot.push(candidate);
            }
            n += 1;
        }
        for id in &same_slot {
            assert!(seen.insert(id));
        }
        for id in &same_slot {
            assert!(!seen.insert(id));
        }
    }
}
