package io.tradeloop.decide.fuzzy;

/** A membership function: how much a crisp value belongs to a linguistic term, in [0, 1]. */
public sealed interface Membership permits Membership.Triangle, Membership.Trapezoid {

    double degree(double x);

    /**
     * Triangle rising from {@code a} to 1 at {@code b}, falling to 0 at {@code c}; a = b or b = c make
     * a vertical edge (a shoulder at the end of a universe).
     */
    record Triangle(double a, double b, double c) implements Membership {
        public Triangle {
            if (!(a <= b && b <= c) || !(a < c)) {
                throw new IllegalArgumentException("triangle needs a <= b <= c and a < c, got " + a + ", " + b + ", " + c);
            }
        }

        @Override
        public double degree(double x) {
            if (x < a || x > c) return 0;
            if (x == b) return 1;
            return x < b ? (x - a) / (b - a) : (c - x) / (c - b);
        }
    }

    /** Trapezoid rising from {@code a} to 1 at {@code b}, flat to {@code c}, falling to 0 at {@code d}; equal points make vertical edges. */
    record Trapezoid(double a, double b, double c, double d) implements Membership {
        public Trapezoid {
            if (!(a <= b && b <= c && c <= d)) {
                throw new IllegalArgumentException("trapezoid needs a <= b <= c <= d, got " + a + ", " + b + ", " + c + ", " + d);
            }
        }

        @Override
        public double degree(double x) {
            if (x < a || x > d) return 0;
            if (x >= b && x <= c) return 1;
            return x < b ? (x - a) / (b - a) : (d - x) / (d - c);
        }
    }
}
