//! Affine matrices and quadrilaterals in PDF's row-vector convention (`p' = p × M`).
//!
//! PDF writes a matrix as `[a b c d e f]`; a point maps as `x' = a·x + c·y + e`, `y' = b·x + d·y + f`,
//! and `cm` concatenates as `CTM' = M × CTM`. Everything here is `f64`: positions are compared and
//! shifted by small amounts, and `f32` (what lopdf stores) loses the last bits on long lines.

use lopdf::Object;

/// An affine transform `[a b c d e f]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Matrix {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix::new(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);

    pub const fn new(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) -> Matrix {
        Matrix { a, b, c, d, e, f }
    }

    pub fn translate(x: f64, y: f64) -> Matrix {
        Matrix::new(1.0, 0.0, 0.0, 1.0, x, y)
    }

    /// Reads six numbers (the operands of `cm`/`Tm`, or a `/Matrix` array).
    pub fn from_objects(objs: &[Object]) -> Option<Matrix> {
        if objs.len() != 6 {
            return None;
        }
        let mut v = [0.0; 6];
        for (slot, o) in v.iter_mut().zip(objs) {
            *slot = number(o)?;
        }
        let m = Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5]);
        m.is_finite().then_some(m)
    }

    /// `self × other`: first `self`, then `other`.
    pub fn then(&self, o: &Matrix) -> Matrix {
        Matrix::new(
            self.a * o.a + self.b * o.c,
            self.a * o.b + self.b * o.d,
            self.c * o.a + self.d * o.c,
            self.c * o.b + self.d * o.d,
            self.e * o.a + self.f * o.c + o.e,
            self.e * o.b + self.f * o.d + o.f,
        )
    }

    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)
    }

    /// The linear part applied to a vector (no translation).
    pub fn apply_vec(&self, x: f64, y: f64) -> (f64, f64) {
        (self.a * x + self.c * y, self.b * x + self.d * y)
    }

    pub fn invert(&self) -> Option<Matrix> {
        let det = self.a * self.d - self.b * self.c;
        if det.abs() < 1e-12 || !det.is_finite() {
            return None;
        }
        let (a, b, c, d) = (self.d / det, -self.b / det, -self.c / det, self.a / det);
        Some(Matrix::new(a, b, c, d, -(self.e * a + self.f * c), -(self.e * b + self.f * d)))
    }

    pub fn is_finite(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f].iter().all(|v| v.is_finite())
    }

    /// The image of the corners of the rectangle `x0..x1 × y0..y1`.
    pub fn quad(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> Quad {
        Quad([self.apply(x0, y0), self.apply(x1, y0), self.apply(x1, y1), self.apply(x0, y1)])
    }
}

/// Four corners (a transformed rectangle), in order around the shape.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Quad(pub [(f64, f64); 4]);

impl Quad {
    /// The axis-aligned bounding box `[x0, y0, x1, y1]`.
    pub fn bbox(&self) -> [f64; 4] {
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for &(x, y) in &self.0 {
            b[0] = b[0].min(x);
            b[1] = b[1].min(y);
            b[2] = b[2].max(x);
            b[3] = b[3].max(y);
        }
        b
    }
}

/// Whether two axis-aligned boxes share area.
pub(crate) fn overlaps(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// A PDF number as `f64` (lopdf keeps integers and reals apart).
pub(crate) fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concatenation_follows_pdf_order() {
        let scale = Matrix::new(2.0, 0.0, 0.0, 2.0, 0.0, 0.0);
        let shift = Matrix::translate(10.0, 5.0);
        // First scale, then shift.
        assert_eq!(scale.then(&shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(&scale).apply(1.0, 1.0), (22.0, 12.0));
        let m = Matrix::new(0.0, 1.0, -1.0, 0.0, 3.0, 4.0);
        let back = m.then(&m.invert().unwrap());
        let (x, y) = back.apply(5.0, -7.0);
        assert!((x - 5.0).abs() < 1e-9 && (y + 7.0).abs() < 1e-9);
    }
}
