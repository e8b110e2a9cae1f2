//! Union-find over item indices, shared by the steps that join items into groups (quote
//! groups, numbers and dates of one quantity or event). A set's root is its lowest member, so
//! groups listed by root come in the order of their first member.

pub struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    pub fn new(n: usize) -> Sets {
        Sets { parent: (0..n).collect() }
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b`; false when they were one already.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        self.parent[ra.max(rb)] = ra.min(rb);
        true
    }
}
